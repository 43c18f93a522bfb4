package app.collections.pipeline;

import app.collections.lifecycle.ItemLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.images.Renderer;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.places.ReverseGeocoder;
import app.collections.storage.ImageStore;
import app.collections.testing.ExifJpegs;
import app.collections.testing.Fixtures;
import app.collections.testing.LocalS3Extension;
import app.collections.testing.TestDatabase;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Items from before the DERIVE step get their renditions and capture facts from reindex's backfill;
 * an undecodable one is reported and skipped, not retried forever; another tenant's are not touched.
 */
class DerivedBackfillTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @RegisterExtension static final LocalS3Extension s3 = new LocalS3Extension();
  static ImageStore images;

  @BeforeAll
  static void start() {
    images = s3.images();
  }

  @Test
  void makesWhatOldItemsLackAndOnlyThose() throws Exception {
    Tenant alice = new Tenant("backfill-alice");
    Tenant bob = new Tenant("backfill-bob");
    byte[] screenshot = Files.readAllBytes(Fixtures.sharedDir().resolve("eval/images")
        .resolve(Fixtures.goldenAnalyses().iterator().next().path("item_id").asText() + ".jpg"));
    byte[] photo = ExifJpegs.withExif(screenshot,
        ExifJpegs.Tags.at(LocalDateTime.of(2024, 3, 2, 9, 15, 0), null, 48.8566, 2.3522));
    UUID old = stored(alice, photo);
    UUID broken = stored(alice, "not an image at all".getBytes());
    UUID bobs = stored(bob, screenshot);
    DerivedBackfill backfill = new DerivedBackfill(db.jdbi(),
        new DeriveStep(db.jdbi(), images, new Renderer(), new ReverseGeocoder(),
            new ItemLifecycle(db.jdbi(), 3, (t, i) -> {})));

    assertThat(backfill.tenantsLacking()).contains(alice.id(), bob.id());
    DerivedBackfill.Progress progress = backfill.run(alice, () -> true, n -> {});

    assertThat(progress).isEqualTo(new DerivedBackfill.Progress(1, 1, true));
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    Item item = items.find(alice, old).orElseThrow();
    assertThat(item.thumbnail().height()).isEqualTo(512);
    assertThat(images.exists(alice.id() + "/" + old + "/thumbnail.jpg")).isTrue();
    assertThat(images.exists(alice.id() + "/" + old + "/preview.jpg")).isTrue();
    // No offset in its EXIF: the camera's clock, read as UTC.
    assertThat(item.takenAt()).isEqualTo(java.time.OffsetDateTime.parse("2024-03-02T09:15:00Z"));
    assertThat(item.location().place()).isEqualTo("Paris, France");
    assertThat(items.find(alice, broken).orElseThrow().thumbnail()).isNull();
    assertThat(items.find(bob, bobs).orElseThrow().thumbnail()).as("another tenant's item").isNull();
    // Run again: nothing left but the one that cannot be read.
    assertThat(backfill.run(alice, () -> true, n -> {})).isEqualTo(new DerivedBackfill.Progress(0, 1, true));
  }

  private static UUID stored(Tenant tenant, byte[] bytes) {
    UUID id = UUID.randomUUID();
    String key = tenant.id() + "/" + id + "/original.jpg";
    images.write(key, "image/jpeg", bytes);
    db.jdbi().onDemand(ItemDao.class).insert(tenant, new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", bytes.length, 589,
        1280, key, app.collections.images.ImageInspector.sha256(bytes)));
    return id;
  }
}
