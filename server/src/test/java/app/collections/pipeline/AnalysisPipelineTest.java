package app.collections.pipeline;

import app.collections.lifecycle.JobDao;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.testing.ItemStates;
import app.collections.images.Renderer;
import app.collections.places.ReverseGeocoder;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.items.CategoryCount;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemStatus;
import app.collections.items.NewItem;
import app.collections.storage.ImageStore;
import app.collections.embeddings.EmbeddingConfiguration;
import app.collections.indexing.EmbeddingStep;
import app.collections.embeddings.Embedders;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.search.Bm25Search;
import app.collections.search.HybridSearch;
import app.collections.search.RankedItem;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchMode;
import app.collections.search.SearchService;
import app.collections.search.VectorSearch;
import app.collections.embeddings.VectorIndexes;
import app.collections.testing.TestEmbedder;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.Fixtures;
import app.collections.testing.LocalS3Extension;
import app.collections.testing.TestDatabase;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionConfiguration;
import app.collections.vision.VisionProvider;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.util.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job queue's guarantees, without the HTTP layer: leases, idempotency, the tenant of a job. */
class AnalysisPipelineTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static FakeVisionProvider provider;
  @RegisterExtension static final LocalS3Extension s3 = new LocalS3Extension();
  static ImageStore images;

  private final Tenant alice = new Tenant("alice");
  private ItemDao items;
  private JobDao jobs;
  /** How the service queues analyses; set by {@link #pipeline} with the same maxAttempts. */
  private ItemLifecycle queue;

  @BeforeAll
  static void start() throws Exception {
    provider = new FakeVisionProvider();
    images = s3.images();
  }

  @AfterAll
  static void stop() throws Exception {
    provider.close();
  }

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    jobs = db.jdbi().onDemand(JobDao.class);
  }

  @AfterEach
  void recover() {
    provider.recover();
  }

  @Test
  void aJobWhoseWorkerDiedIsPickedUpAgainWhenItsLeaseRunsOut() throws Exception {
    AnalysisPipeline pipeline = pipeline(1);
    UUID item = storedItem(0);
    queue.queueAnalysis(alice, item, null, null);

    // A worker claims the job and dies before finishing: the job stays RUNNING, leased.
    assertThat(jobs.claimNext(1)).isPresent();
    assertThat(pipeline.runNext()).as("leased to the dead worker").isFalse();

    Thread.sleep(1_100);
    assertThat(pipeline.runNext()).as("lease expired, claimed again").isTrue();
    assertThat(pipeline.runNext()).as("the embedding it queued").isTrue();
    assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    assertThat(jobs.latestForItem(alice, item).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void queuingTwiceQueuesOnceAndARepeatedEventFindsNothingToDo() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    UUID item = storedItem(1);
    assertThat(queue.queueAnalysis(alice, item, null, null)).isTrue();
    assertThat(queue.queueAnalysis(alice, item, VisionProvider.OPENAI, null)).isFalse();

    int before = provider.requestCount();
    assertThat(pipeline.runForItem(alice, item)).isTrue();
    // At-least-once delivery: the same event again does no second analysis.
    assertThat(pipeline.runForItem(alice, item)).isFalse();
    assertThat(provider.requestCount() - before).isEqualTo(1);
  }

  @Test
  void anotherTenantCanNeitherQueueNorRunTheItemsJob() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    UUID item = storedItem(2);
    Tenant bob = new Tenant("bob");
    assertThat(queue.queueAnalysis(bob, item, null, null)).isFalse();
    queue.queueAnalysis(alice, item, null, null);
    assertThat(pipeline.runForItem(bob, item)).isFalse();
    assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.PENDING);
  }

  @Test
  void aMissingImageFailsTheItemForGoodWithTheReason() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    UUID item = storedItem(3);
    images.delete(items.find(alice, item).orElseThrow().objectKey());
    queue.queueAnalysis(alice, item, null, null);

    assertThat(pipeline.runNext()).isTrue();
    var failed = items.find(alice, item).orElseThrow();
    assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(failed.lastError()).contains("missing");
  }

  @Test
  void realWorldCategoriesSurviveTheVisionRoundTripNormalised() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    // What the prototype's real collection holds beyond the labelled eight, as a model may spell it.
    Map<String, String> replies = new LinkedHashMap<>();
    replies.put("Career", "Career");
    replies.put("music", "Music");
    replies.put("  education ", "Education");
    replies.put("EVENTS", "Events");
    replies.put("shopping", "Shopping");
    replies.put("personal\tfinance", "Personal Finance");
    replies.put("News", "News");
    replies.put("home  décor", "Home Décor");
    int index = 4;
    try {
      for (var reply : replies.entrySet()) {
        provider.replyWithCategory(reply.getKey());
        UUID item = storedItem(index++);
        queue.queueAnalysis(alice, item, null, null);
        assertThat(pipeline.runForItem(alice, item)).isTrue();
        assertThat(items.find(alice, item).orElseThrow().category()).as(reply.getKey()).isEqualTo(reply.getValue());
      }
    } finally {
      provider.replyWithCategory(null);
    }
    assertThat(items.categories(alice)).extracting(CategoryCount::name)
        .containsExactlyInAnyOrderElementsOf(replies.values());
    // The filter finds them however the viewer spells them.
    assertThat(items.count(alice, ItemDataFetchers.filter(Map.of("category", "personal finance")))).isEqualTo(1);
    assertThat(items.count(alice, ItemDataFetchers.filter(Map.of("category", "career")))).isEqualTo(1);
  }

  @Test
  void anItemIsReadyOnlyOnceEmbeddedSoASearchRightAfterFindsItInVectorAndHybrid() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    UUID item = storedItem(4);
    String headline = provider.goldenFor(images.read(items.find(alice, item).orElseThrow().objectKey()))
        .path("headline").asText();
    queue.queueAnalysis(alice, item, null, null);

    assertThat(pipeline.runNext()).as("the analysis").isTrue();
    assertThat(items.find(alice, item).orElseThrow().status()).as("analysed, not yet embedded")
        .isEqualTo(ItemStatus.ANALYZING);
    assertThat(found(headline, SearchMode.VECTOR)).doesNotContain(item);

    assertThat(pipeline.runNext()).as("the embedding").isTrue();
    assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    for (SearchMode mode : List.of(SearchMode.VECTOR, SearchMode.HYBRID, SearchMode.BM25)) {
      assertThat(found(headline, mode)).as(mode.name()).contains(item);
    }

    // Re-analysis (analyzeItem): READY again only once the new analysis is embedded too.
    assertThat(queue.queueAnalysis(alice, item, VisionProvider.ANTHROPIC, "claude-opus-4-1")).isTrue();
    ItemStates.force(items, alice, item, ItemStatus.PENDING, null);
    assertThat(pipeline.runNext()).isTrue();
    assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.ANALYZING);
    assertThat(pipeline.runNext()).isTrue();
    assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    assertThat(found(headline, SearchMode.VECTOR)).contains(item);
  }

  @Test
  void anEmbeddingThatFailsForGoodFailsTheItemUntilReindexEmbedsIt() throws Exception {
    EmbeddingConfiguration unreachable = new EmbeddingConfiguration();
    unreachable.setVoyageApiKey("test-voyage-key");
    // Nothing listens on port 1: every embedding attempt is refused at once.
    unreachable.setVoyageBaseUrl("http://127.0.0.1:1/v1/");
    AnalysisPipeline pipeline = pipeline(300, 2, new EmbeddingStep(db.jdbi(), Embedders.voyage(unreachable),
        new VectorIndexes(db.jdbi(), 5000)));
    UUID item = storedItem(5);
    queue.queueAnalysis(alice, item, null, null);
    assertThat(pipeline.runNext()).as("the analysis").isTrue();

    assertThat(pipeline.runNext()).as("the embedding, attempt 1").isTrue();
    var retrying = items.find(alice, item).orElseThrow();
    assertThat(retrying.status()).isEqualTo(ItemStatus.ANALYZING);
    assertThat(retrying.lastError()).startsWith("Attempt 1 failed, retrying: Embedding failed");
    Thread.sleep(300);
    assertThat(pipeline.runNext()).as("the embedding, attempt 2 of 2").isTrue();
    var failed = items.find(alice, item).orElseThrow();
    assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
    assertThat(failed.lastError()).startsWith("Embedding failed");

    // What reindex does, with a model that answers.
    new EmbeddingStep(db.jdbi(), TestEmbedder.local(), new VectorIndexes(db.jdbi(), 5000)).embedAll(alice, List.of(item));
    assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);
  }

  /**
   * What each provider says of an image over its size limit (ProviderLimits cites where these
   * words were seen), scripted whatever the image: the pipeline may send a preview that no
   * provider refuses, and the refusal path is tested all the same.
   */
  private static final Map<VisionProvider, String> REFUSALS = Map.of(
      VisionProvider.ANTHROPIC,
      "messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 10842316 bytes > 5242880 bytes",
      VisionProvider.OPENAI, "You uploaded an unsupported image. Please make sure your image is below 20 MB in size "
          + "and is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].");

  @Test
  void anImageTheProviderRefusesFailsAfterOneCallWithTheProvidersReason() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    int index = 12;
    for (VisionProvider who : List.of(VisionProvider.ANTHROPIC, VisionProvider.OPENAI)) {
      provider.failNext(400, REFUSALS.get(who), 1);
      UUID item = storedItem(index++);
      queue.queueAnalysis(alice, item, who, null);
      int before = provider.requestCount();

      assertThat(pipeline.runNext()).isTrue();
      // Past the longest backoff: a retry would be due by now.
      Thread.sleep(300);
      assertThat(pipeline.runNext()).as("nothing is tried again").isFalse();

      var failed = items.find(alice, item).orElseThrow();
      assertThat(failed.status()).isEqualTo(ItemStatus.FAILED);
      assertThat(failed.lastError()).isEqualTo(who.id() + " refused the request: " + REFUSALS.get(who));
      assertThat(provider.requestCount() - before).as(who.id() + " calls").isEqualTo(1);
      assertThat(jobs.latestForItem(alice, item).orElseThrow().attempts()).isEqualTo(1);
    }
  }

  @Test
  void aRateLimitAndAnOutageAreRetriedUntilTheProviderAnswers() throws Exception {
    AnalysisPipeline pipeline = pipeline(300);
    int index = 14;
    for (VisionProvider who : List.of(VisionProvider.ANTHROPIC, VisionProvider.OPENAI)) {
      provider.failNext(429, 1).failNext(500, 1);
      UUID item = storedItem(index++);
      queue.queueAnalysis(alice, item, who, null);
      int before = provider.requestCount();

      assertThat(pipeline.runNext()).isTrue();
      var limited = items.find(alice, item).orElseThrow();
      assertThat(limited.status()).isEqualTo(ItemStatus.PENDING);
      assertThat(limited.lastError())
          .isEqualTo("Attempt 1 failed, retrying: " + who.id() + " is rate limiting requests (HTTP 429: scripted 429)");
      Thread.sleep(300);
      assertThat(pipeline.runNext()).isTrue();
      assertThat(items.find(alice, item).orElseThrow().lastError())
          .isEqualTo("Attempt 2 failed, retrying: " + who.id() + " is unavailable (HTTP 500: scripted 500)");
      Thread.sleep(300);
      assertThat(pipeline.runNext()).as("the analysis, third time").isTrue();
      assertThat(pipeline.runNext()).as("its embedding").isTrue();

      assertThat(items.find(alice, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);
      assertThat(provider.requestCount() - before).as(who.id() + " calls").isEqualTo(3);
    }
  }

  private List<UUID> found(String query, SearchMode mode) {
    SearchConfiguration config = new SearchConfiguration();
    SearchService search = new SearchService(new Bm25Search(db.jdbi(), config),
        new VectorSearch(db.jdbi(), new QueryEmbeddingCache(TestEmbedder.local(), 10),
            new VectorIndexes(db.jdbi(), config.getHnswThreshold()), config),
        new HybridSearch(config), items, config, new MetricRegistry());
    return search.rank(alice, query, mode, null, null).stream().map(RankedItem::itemId).toList();
  }

  @Test
  void backoffGrowsPerAttemptWithinItsCap() {
    AnalysisPipeline pipeline = pipeline(300);
    for (int attempt = 1; attempt <= 30; attempt++) {
      long expectedCap = Math.min(200, 50L << Math.min(attempt - 1, 20));
      assertThat(pipeline.backoffMillis(attempt)).isBetween(expectedCap / 2, expectedCap);
    }
  }

  private AnalysisPipeline pipeline(long leaseSeconds) {
    return pipeline(leaseSeconds, new PipelineConfiguration().getMaxAttempts(),
        new EmbeddingStep(db.jdbi(), TestEmbedder.local(), new VectorIndexes(db.jdbi(), 5000)));
  }

  private AnalysisPipeline pipeline(long leaseSeconds, int maxAttempts, EmbeddingStep embedding) {
    VisionConfiguration vision = new VisionConfiguration();
    vision.getAnthropic().setApiKey("test-anthropic-key");
    vision.getAnthropic().setBaseUrl(provider.anthropicUrl());
    vision.getOpenai().setApiKey("test-openai-key");
    vision.getOpenai().setBaseUrl(provider.openAiUrl());
    PipelineConfiguration config = new PipelineConfiguration();
    config.setLease(Duration.seconds(leaseSeconds));
    config.setBackoff(Duration.milliseconds(50));
    config.setMaxBackoff(Duration.milliseconds(200));
    config.setMaxAttempts(maxAttempts);
    queue = new ItemLifecycle(db.jdbi(), maxAttempts, (tenant, itemId) -> {});
    return new AnalysisPipeline(db.jdbi(), queue, new DeriveStep(db.jdbi(), images, new Renderer(), new ReverseGeocoder(),
        queue), VisionAnalyzers.create(vision), embedding, config, new MetricRegistry());
  }

  /** An item whose image (a shared one) is in S3, as completeUpload leaves it. */
  private UUID storedItem(int index) throws Exception {
    Path image;
    try (var files = Files.list(Fixtures.sharedDir().resolve("eval/images"))) {
      image = files.sorted().toList().get(index);
    }
    UUID id = UUID.randomUUID();
    String key = alice.id() + "/" + id + "/original.jpg";
    images.write(key, "image/jpeg", Files.readAllBytes(image));
    items.insert(alice, new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", Files.size(image), 589, 1280, key, null));
    return id;
  }
}
