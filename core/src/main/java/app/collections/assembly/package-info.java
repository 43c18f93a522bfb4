/**
 * The service assembled by feature: one small factory (a record) per feature, built by explicit
 * constructor calls, no classpath scanning, no container. Each host builds only the features it
 * runs, in dependency order, and hands in what differs by where it runs (the embedder, the offline
 * analyser, the DynamoDB client, a local token issuer): the Dropwizard host all of them, the API
 * Lambda everything but the workers, the processor Lambda only {@link Persistence},
 * {@link Indexing} and {@link Processing}. Nothing here starts a server or a thread: what runs is
 * returned as {@code Managed} for the host's lifecycle.
 */
package app.collections.assembly;
