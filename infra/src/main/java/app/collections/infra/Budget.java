package app.collections.infra;

import java.util.List;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.constructs.Construct;

/**
 * A monthly cost budget for the account (AWS Budgets counts the whole account, not this stack),
 * with email alerts at 80% of actual and 100% of forecast spend when an address is given.
 */
final class Budget extends Construct {
  Budget(Construct scope, String id, int monthlyUsd, String alertEmail) {
    super(scope, id);
    CfnBudget.Builder budget = CfnBudget.Builder.create(this, "Monthly")
        .budget(CfnBudget.BudgetDataProperty.builder()
            .budgetName("collections-monthly")
            .budgetType("COST")
            .timeUnit("MONTHLY")
            .budgetLimit(CfnBudget.SpendProperty.builder().amount(monthlyUsd).unit("USD").build())
            .build());
    if (alertEmail != null && !alertEmail.isBlank()) {
      budget.notificationsWithSubscribers(List.of(
          alert("ACTUAL", 80, alertEmail),
          alert("FORECASTED", 100, alertEmail)));
    }
    budget.build();
  }

  private static CfnBudget.NotificationWithSubscribersProperty alert(String type, int percent, String email) {
    return CfnBudget.NotificationWithSubscribersProperty.builder()
        .notification(CfnBudget.NotificationProperty.builder()
            .notificationType(type)
            .comparisonOperator("GREATER_THAN")
            .threshold(percent)
            .thresholdType("PERCENTAGE")
            .build())
        .subscribers(List.of(CfnBudget.SubscriberProperty.builder().subscriptionType("EMAIL").address(email).build()))
        .build();
  }
}
