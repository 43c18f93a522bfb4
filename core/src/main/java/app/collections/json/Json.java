package app.collections.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;

/**
 * The one JSON mapper of the process: the hosts hand it to Jersey (the Dropwizard host through its
 * bootstrap, the Lambda handlers directly), so what a resource writes and what the code beneath it
 * reads and writes (model replies, stored thread state, SQS bodies, events) follow one configuration:
 * Dropwizard's (java.time, Optional, unknown properties ignored). An ObjectMapper is thread-safe once
 * configured, and building one costs its module discovery each time; nothing configures this one
 * after this line.
 */
public final class Json {
  public static final ObjectMapper MAPPER = Jackson.newObjectMapper();

  private Json() {}
}
