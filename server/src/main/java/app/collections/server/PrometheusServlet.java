package app.collections.server;

import app.collections.metrics.PrometheusText;

import com.codahale.metrics.MetricRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The admin port's {@code /metrics/prometheus}: the registry for a Prometheus scraper. */
public final class PrometheusServlet extends HttpServlet {
  /** Where the Dropwizard host mounts it, beside Dropwizard's own JSON {@code /metrics}. */
  public static final String PATH = "/metrics/prometheus";

  private final transient MetricRegistry registry;

  public PrometheusServlet(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = PrometheusText.render(registry).getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(PrometheusText.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
