package app.collections.pipeline;

import app.collections.analyses.Analysis;
import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.images.Exif;
import app.collections.images.Rendition;
import app.collections.images.Renderer;
import app.collections.images.RejectedImageException;
import app.collections.items.DerivedFacts;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.Location;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.places.ReverseGeocoder;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchIndexDao;
import app.collections.storage.ImageStore;
import app.collections.storage.ObjectKeys;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The DERIVE step, right after an upload: the item's renditions (thumbnail and preview, from one
 * subsampled decode), stored beside its original, and what its EXIF says (capture time, GPS, the
 * place that falls in), recorded on the item. It changes no status: a PENDING item gets its
 * thumbnail before its analysis. The analysis reads the preview, making it first if this step has
 * not run yet (a backlog, or an item from before it existed).
 */
public final class DeriveStep {
  private static final String JPEG = "image/jpeg";

  private final Jdbi jdbi;
  private final ImageStore images;
  private final Renderer renderer;
  private final ReverseGeocoder geocoder;
  private final ItemLifecycle lifecycle;
  private final DocumentBuilder documents = new DocumentBuilder();

  public DeriveStep(Jdbi jdbi, ImageStore images, Renderer renderer, ReverseGeocoder geocoder, ItemLifecycle lifecycle) {
    this.jdbi = jdbi;
    this.images = images;
    this.renderer = renderer;
    this.geocoder = geocoder;
    this.lifecycle = lifecycle;
  }

  /**
   * Makes, stores and records the item's renditions and capture facts; answers the preview's bytes.
   * Throws {@link NoSuchKeyException} when its original is gone, {@link RejectedImageException}
   * when it cannot be decoded.
   */
  public byte[] derive(Tenant tenant, Item item) throws RejectedImageException {
    Renderer.Renditions renditions = renderer.render(images.read(item.objectKey()));
    DerivedFacts facts = store(tenant, item.id(), renditions);
    jdbi.useTransaction(h -> {
      if (h.attach(ItemDao.class).recordDerived(tenant, item.id(), facts) && facts.location() != null) {
        reindexWithPlace(h, tenant, item.id(), facts.location());
      }
    });
    return renditions.get(Rendition.PREVIEW).jpeg();
  }

  /**
   * Writes the renditions under the item's keys and reads their facts: what the DERIVE job and the
   * prototype import (which records them with the item's row) share.
   */
  public DerivedFacts store(Tenant tenant, UUID itemId, Renderer.Renditions renditions) {
    for (Rendition r : Rendition.values()) {
      images.write(ObjectKeys.rendition(tenant, itemId, r), JPEG, renditions.get(r).jpeg());
    }
    Exif exif = renditions.exif();
    Location location = !exif.hasPosition() ? null : geocoder.nearest(exif.latitude(), exif.longitude())
        .map(p -> new Location(exif.latitude(), exif.longitude(), p.city(), blankToNull(p.region()), p.country(),
            p.countryCode()))
        .orElse(new Location(exif.latitude(), exif.longitude(), null, null, null, null));
    return new DerivedFacts(stored(renditions.get(Rendition.THUMBNAIL)), stored(renditions.get(Rendition.PREVIEW)),
        exif.takenAtInstant(), exif.offset() == null ? null : exif.offset().getTotalSeconds() / 60, location);
  }

  /** The preview a vision model reads: the stored one, or made now when the DERIVE job has not run yet. */
  public byte[] preview(Tenant tenant, Item item) throws RejectedImageException {
    if (item.preview() != null) {
      try {
        return images.read(ObjectKeys.rendition(tenant, item.id(), Rendition.PREVIEW));
      } catch (NoSuchKeyException e) {
        // Recorded but gone (a bucket restored without them): made again below.
      }
    }
    return derive(tenant, item);
  }

  /**
   * The item was indexed before its place was known (analysed ahead of this step): its document is
   * built again with the place's words, and its embedding queued again.
   */
  private void reindexWithPlace(Handle h, Tenant tenant, UUID itemId, Location location) {
    List<Analysis> latest = h.attach(AnalysisDao.class).latestForItems(tenant, List.of(itemId));
    if (latest.isEmpty() || location.place() == null) {
      return;
    }
    Analysis analysis = latest.getFirst();
    h.attach(SearchIndexDao.class).index(tenant, itemId, analysis.id(), documents.build(analysis.raw(), location));
    lifecycle.reembed(h, tenant, itemId);
  }

  /** GeoNames has no region for some places (Singapore): none, not an empty name. */
  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static Item.StoredImage stored(Renderer.Rendered rendered) {
    return new Item.StoredImage(rendered.size().width(), rendered.size().height(), rendered.jpeg().length);
  }
}
