package app.collections.items;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ItemServiceTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  private final List<String> deletedObjects = new ArrayList<>();
  private ItemDao items;

  @BeforeEach
  void setUp() {
    db.truncate();
    deletedObjects.clear();
    items = db.jdbi().onDemand(ItemDao.class);
  }

  @Test
  void deletesTheRowThenTheObjectsOfExactlyThatRowItsOriginalAndItsRenditions() {
    NewItem item = stored("alice/one/original.jpg");

    assertThat(new ItemService(items, deletedObjects::add).delete(alice, item.id())).isTrue();

    assertThat(items.find(alice, item.id())).isEmpty();
    assertThat(deletedObjects).containsExactly("alice/one/original.jpg", "alice/" + item.id() + "/thumbnail.jpg",
        "alice/" + item.id() + "/preview.jpg");
  }

  @Test
  void anotherUsersOrAMissingItemIsNotDeletedAndNoObjectIsTouched() {
    NewItem item = stored("alice/two/original.jpg");
    ItemService service = new ItemService(items, deletedObjects::add);

    assertThat(service.delete(bob, item.id())).isFalse();
    assertThat(service.delete(alice, UUID.randomUUID())).isFalse();

    assertThat(items.find(alice, item.id())).isPresent();
    assertThat(deletedObjects).isEmpty();
  }

  @Test
  void anObjectStoreFailureLeavesTheItemDeleted() {
    NewItem item = stored("alice/three/original.jpg");
    ItemService service = new ItemService(items, key -> {
      throw new IllegalStateException("the image store is down");
    });

    assertThat(service.delete(alice, item.id())).isTrue();
    assertThat(items.find(alice, item.id())).isEmpty();
    assertThat(service.delete(alice, item.id())).isFalse();
  }

  private NewItem stored(String objectKey) {
    NewItem item = new NewItem(UUID.randomUUID(), "a.jpg", "IMG_a.jpg", "image/jpeg", 176_231L, 589, 1280, objectKey, null);
    items.insert(alice, item);
    return item;
  }
}
