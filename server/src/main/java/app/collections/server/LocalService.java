package app.collections.server;

import app.collections.CollectionsConfiguration;
import app.collections.assembly.Indexing;
import app.collections.assembly.Persistence;
import app.collections.assembly.Processing;
import app.collections.assembly.Searching;
import app.collections.embeddings.Embedder;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Core's data features over the local parts: what the application serves and what its commands
 * (eval, reindex, bench, import-prototype) work on.
 *
 * @param managed the local servers already started and the workers not yet started, in the order
 *     the host's lifecycle should start them; stopping them all is the host's job
 */
public record LocalService(Persistence db, Indexing indexing, Processing processing, Searching searching,
    List<Managed> managed) {
  public static LocalService start(CollectionsConfiguration config, DataSource dataSource, MetricRegistry metrics,
      ObjectMapper json) {
    List<Managed> managed = new ArrayList<>();
    try {
      Persistence db = Persistence.over(dataSource, metrics, json);
      Embedder embedder = LocalParts.embedder(config);
      Indexing indexing = Indexing.create(db, embedder, config.getSearch());
      Processing processing = Processing.create(config, db, LocalParts.imageStore(config, managed),
          LocalParts.analyzers(config, embedder), indexing, metrics);
      managed.addAll(processing.managed());
      return new LocalService(db, indexing, processing, Searching.create(config, db, indexing, metrics),
          List.copyOf(managed));
    } catch (RuntimeException e) {
      // The host never gets the list: stop what was started, or its port stays bound.
      stopQuietly(managed, e);
      throw e;
    }
  }

  /** Stops what {@link #start} started (the local servers), for a command that ends. */
  public void stop() throws Exception {
    stopAll(managed);
  }

  /** Stops {@code started}, last first. */
  static void stopAll(List<Managed> started) throws Exception {
    for (Managed m : started.reversed()) {
      m.stop();
    }
  }

  /** {@link #stopAll} after a failed start: its own failures join {@code cause}. */
  static void stopQuietly(List<Managed> started, RuntimeException cause) {
    try {
      stopAll(started);
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
