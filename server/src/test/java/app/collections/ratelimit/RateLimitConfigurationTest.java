package app.collections.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

/** The `rateLimits:` block as operators write it: a partial limit keeps the rest of its defaults. */
class RateLimitConfigurationTest {
  private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

  @Test
  void aPartialLimitKeepsItsDefaultRate() throws Exception {
    RateLimitConfiguration config = YAML.readValue("store: POSTGRES\nrequests: { burst: 7 }\n", RateLimitConfiguration.class);
    assertThat(config.getStore()).isEqualTo(RateLimitConfiguration.Store.POSTGRES);
    assertThat(config.getRequests().getBurst()).isEqualTo(7);
    assertThat(config.getRequests().getPerMinute()).isEqualTo(600);
    assertThat(config.getSearches().getBurst()).isEqualTo(20);
    assertThat(Validators.newValidator().validate(config)).isEmpty();
  }

  @Test
  void aZeroRateIsInvalid() throws Exception {
    RateLimitConfiguration config = YAML.readValue("modelCalls: { perMinute: 0 }\n", RateLimitConfiguration.class);
    assertThat(Validators.newValidator().validate(config)).extracting(v -> v.getPropertyPath().toString())
        .containsExactly("modelCalls.perMinute");
  }
}
