package app.collections.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The cost model on the synthesized stack, at the plan's usage profile. */
class CostModelTest {
  private static Map<String, Object> template;

  @BeforeAll
  static void synth() {
    App app = new App();
    template = Template.fromStack(new CollectionsStack(app, "Collections", StackProps.builder().build(),
        LambdaArtifacts.placeholders(Path.of("target", "placeholder-lambda")))).toJSON();
  }

  @Test
  void theStackCostsLessThanThirtyDollarsAMonthAtTheProfile() {
    List<CostModel.Line> lines = CostModel.estimate(template, CostModel.Usage.PROFILE);
    assertThat(CostModel.total(lines)).isLessThan(CostModel.CEILING_USD).isGreaterThan(20);
    // Read from the template, not assumed: the instance types, the sweep's schedule.
    assertThat(lines).extracting(CostModel.Line::item)
        .contains("RDS db.t4g.micro", "RDS storage 20 GB", "NAT instance t4g.nano, root volume, public IPv4")
        .anyMatch(item -> item.contains("(43800 sweeps)"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBiggerDatabaseIsPricedFromTheTemplateAndBreaksTheCeiling() {
    Map<String, Object> bigger = new HashMap<>(template);
    Map<String, Map<String, Object>> resources = new HashMap<>((Map<String, Map<String, Object>>) template.get("Resources"));
    resources.replaceAll((id, r) -> {
      if (!"AWS::RDS::DBInstance".equals(r.get("Type"))) {
        return r;
      }
      Map<String, Object> props = new HashMap<>((Map<String, Object>) r.get("Properties"));
      props.put("DBInstanceClass", "db.t4g.small");
      Map<String, Object> copy = new HashMap<>(r);
      copy.put("Properties", props);
      return copy;
    });
    bigger.put("Resources", resources);
    assertThat(CostModel.total(CostModel.estimate(bigger, CostModel.Usage.PROFILE))).isGreaterThan(CostModel.CEILING_USD);
  }

  @Test
  void anUnpricedScheduleOrTypeFailsInsteadOfCountingAsFree() {
    assertThat(CostModel.perMonth("rate(1 minute)")).isEqualTo(43_800);
    assertThatThrownBy(() -> CostModel.perMonth("cron(0 * * * ? *)")).hasMessageContaining("no cost model");
  }
}
