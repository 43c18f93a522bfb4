package app.collections.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda runtime's per-invocation context, as a plain value: what the handler reads of it. */
public final class FakeLambdaContext implements Context {
  @Override public String getAwsRequestId() { return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"; }
  @Override public String getLogGroupName() { return "/aws/lambda/collections-api"; }
  @Override public String getLogStreamName() { return "2026/11/25/[$LATEST]test"; }
  @Override public String getFunctionName() { return "collections-api"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:collections-api"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 600_000; }
  @Override public int getMemoryLimitInMB() { return 1024; }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) { System.out.print(message); }
      @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
    };
  }
}
