package app.collections.local.auth;

import app.collections.auth.AuthConfiguration;

import app.collections.auth.Tenant;

import app.collections.auth.JwtVerifier;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class DevIssuerResourceTest {
  private static final DevIssuer ISSUER = issuer();
  private static final ResourceExtension resource = ResourceExtension.builder()
      .addResource(new DevIssuerResource(ISSUER))
      .build();

  @Test
  void servesThePublicJwks() throws Exception {
    JsonNode jwks = Json.MAPPER.readTree(resource.target("/dev-issuer/.well-known/jwks.json").request().get(String.class));
    assertThat(jwks.path("keys")).hasSize(1);
    assertThat(jwks.path("keys").get(0).has("d")).isFalse();
    assertThat(jwks.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
  }

  @Test
  void mintsATokenThatVerifies() throws Exception {
    Response response = resource.target("/dev-issuer/token").request()
        .post(Entity.form(new Form("user", "alice")));
    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.readEntity(String.class));
    assertThat(body.path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(body.path("expiresIn").asLong()).isEqualTo(12 * 3600);
    AuthConfiguration auth = new AuthConfiguration();
    auth.setDevIssuer(DevIssuerTest.enabled());
    assertThat(JwtVerifier.create(auth, ISSUER.trustedIssuer()).verify(body.path("token").asText())).isEqualTo(new Tenant("alice"));
  }

  @Test
  void answersABadUserNameWith400() throws Exception {
    for (Form form : new Form[] {new Form(), new Form("user", ""), new Form("user", "not a name")}) {
      Response response = resource.target("/dev-issuer/token").request().post(Entity.form(form));
      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(response.readEntity(String.class)).path("error").asText()).contains("user");
    }
  }

  private static DevIssuer issuer() {
    try {
      return DevIssuer.loadOrCreate(Files.createTempDirectory("dev-issuer"), DevIssuerTest.enabled());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
