package app.collections.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * Who the users are: a Cognito user pool (email sign-in, self sign-up) whose access tokens the API
 * verifies (the tenant is the token's {@code sub}), and the mobile app's client.
 */
final class Auth extends Construct {
  private final UserPool userPool;
  private final UserPoolClient mobileClient;

  Auth(Construct scope, String id) {
    super(scope, id);
    this.userPool = UserPool.Builder.create(this, "Users")
        // Lite: SRP, password policy and email verification are all it needs, and it is the
        // cheapest plan past the free 10,000 monthly active users.
        .featurePlan(FeaturePlan.LITE)
        .selfSignUpEnabled(true)
        .signInAliases(SignInAliases.builder().email(true).build())
        .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
        .standardAttributes(StandardAttributes.builder()
            .email(StandardAttribute.builder().required(true).mutable(true).build()).build())
        .passwordPolicy(PasswordPolicy.builder()
            .minLength(12).requireLowercase(true).requireUppercase(true).requireDigits(true).requireSymbols(true)
            .tempPasswordValidity(Duration.days(3))
            .build())
        .accountRecovery(AccountRecovery.EMAIL_ONLY)
        // Deleting the pool deletes every account, and no user's sub (their tenant id) survives it.
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    this.mobileClient = userPool.addClient("MobileClient", UserPoolClientOptions.builder()
        .generateSecret(false)
        // SRP for the app; admin password auth only answers callers with AWS credentials, and is
        // how an operator gets a token from the CLI (docs/deploy.md). Refresh tokens are always on.
        .authFlows(AuthFlow.builder().userSrp(true).adminUserPassword(true).build())
        .preventUserExistenceErrors(true)
        .accessTokenValidity(Duration.hours(1))
        .idTokenValidity(Duration.hours(1))
        .refreshTokenValidity(Duration.days(30))
        .build());
  }

  UserPool userPool() {
    return userPool;
  }

  UserPoolClient mobileClient() {
    return mobileClient;
  }
}
