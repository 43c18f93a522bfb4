package app.collections.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

/**
 * How the Lambda Java runtime reads a typed handler's input and writes its output: an AWS event
 * class through its event serializers (which know SQS's {@code Records}), any other type as a plain
 * POJO. The same library the runtime carries, so a test invokes a handler with what AWS would hand it.
 */
final class LambdaRuntimeSerialization {
  private LambdaRuntimeSerialization() {}

  static <T> PojoSerializer<T> of(Class<T> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
  }
}
