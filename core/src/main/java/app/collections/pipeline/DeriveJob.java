package app.collections.pipeline;

import app.collections.auth.Tenant;
import app.collections.images.RejectedImageException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.lifecycle.Job;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** DERIVE: the item's renditions and capture facts ({@link DeriveStep}); no status changes. */
final class DeriveJob implements JobStep {
  private final ItemDao items;
  private final DeriveStep derive;

  DeriveJob(ItemDao items, DeriveStep derive) {
    this.items = items;
    this.derive = derive;
  }

  @Override
  public String kind() {
    return Job.DERIVE;
  }

  @Override
  public String name() {
    return "derive";
  }

  @Override
  public boolean run(Tenant tenant, Job job) throws StepFailure {
    Optional<Item> item = items.find(tenant, job.itemId());
    if (item.isEmpty() || item.get().objectKey() == null) {
      return false;
    }
    try {
      derive.derive(tenant, item.get());
      return false;
    } catch (RejectedImageException | NoSuchKeyException e) {
      throw new StepFailure("Derived images cannot be made: " + e.getMessage(), false, e);
    } catch (RuntimeException e) {
      throw new StepFailure("Derived images failed: " + e, true, e);
    }
  }
}
