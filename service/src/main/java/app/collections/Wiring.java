package app.collections;

import app.collections.analyses.AnalysisDao;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.auth.DevIssuer;
import app.collections.auth.DevIssuerResource;
import app.collections.auth.JwtVerifier;
import app.collections.auth.UnauthenticatedException;
import app.collections.db.Database;
import app.collections.graphql.ApiException;
import app.collections.graphql.Authenticator;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlResource;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.playground.PlaygroundResource;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole service, assembled by explicit constructor calls: no classpath scanning, no DI
 * container (both cost cold start on Lambda). The Dropwizard application and the Lambda handler
 * both build one of these and register its {@link #resources()}.
 */
public final class Wiring {
  private final Jdbi jdbi;
  private final List<Object> resources = new ArrayList<>();

  public Wiring(CollectionsConfiguration config, DataSource dataSource, MetricRegistry metrics, ObjectMapper json) {
    this.jdbi = Database.jdbi(dataSource, metrics, json);
    ItemDao items = jdbi.onDemand(ItemDao.class);
    AnalysisDao analyses = jdbi.onDemand(AnalysisDao.class);

    GraphqlEngine graphql = new GraphqlEngine(List.of(
        new ItemDataFetchers(items, config.getGraphql().getMaxPageSize()),
        new AnalysisDataFetchers(analyses)), config.getGraphql());

    var auth = config.getAuth();
    DevIssuer devIssuer = auth.getDevIssuer().isEnabled()
        ? DevIssuer.loadOrCreate(config.getDataDir(), auth.getDevIssuer())
        : null;
    JwtVerifier verifier = JwtVerifier.create(auth, devIssuer);

    resources.add(new GraphqlResource(graphql, bearer(verifier), json, config.getGraphql(), metrics));
    resources.add(new PlaygroundResource(devIssuer != null));
    if (devIssuer != null) {
      // Mints tokens for anyone who asks: it exists only where the configuration turns it on.
      resources.add(new DevIssuerResource(devIssuer));
    }
  }

  /** The JAX-RS resources, for the host to register. */
  public List<Object> resources() {
    return List.copyOf(resources);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  private static Authenticator bearer(JwtVerifier verifier) {
    return header -> {
      try {
        return verifier.authenticate(header);
      } catch (UnauthenticatedException e) {
        throw new ApiException(ErrorCode.UNAUTHENTICATED, e.getMessage());
      }
    };
  }
}
