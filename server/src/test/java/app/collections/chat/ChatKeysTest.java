package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.auth.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chat table's key layout: the reads rely on how the sort keys order. */
class ChatKeysTest {
  private static final String SESSION = "0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c";

  @Test
  void aConversationsPartitionIsTheUserThenTheSession() {
    // A user id may hold '#': the session id's fixed length still finds the split.
    String pk = ChatKeys.pk(new Tenant("team#7"), SESSION);
    assertThat(pk).isEqualTo("team#7#" + SESSION);
    assertThat(ChatKeys.sessionIdOf(pk)).isEqualTo(SESSION);
  }

  @Test
  void refusesSessionIdsThatAreNotCanonicalUuids() {
    for (String bad : new String[] {null, "", "abc", "x#META", SESSION.toUpperCase(Locale.ROOT),
        "0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c#"}) {
      assertThatThrownBy(() -> ChatKeys.pk(new Tenant("alice"), bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void checkpointKeysSortAsTheirNumbersWithPartsRightAfterTheirCheckpointAndMetaLast() {
    List<String> keys = new ArrayList<>(List.of(ChatKeys.META, ChatKeys.checkpoint(10),
        ChatKeys.part(9, "ffffffff", 12), ChatKeys.checkpoint(9), ChatKeys.part(9, "00000000", 1),
        ChatKeys.checkpoint(2), ChatKeys.checkpoint(9_999_999_999L)));
    keys.sort(null);
    assertThat(keys).containsExactly(ChatKeys.checkpoint(2), ChatKeys.checkpoint(9), ChatKeys.part(9, "00000000", 1),
        ChatKeys.part(9, "ffffffff", 12), ChatKeys.checkpoint(10), ChatKeys.checkpoint(9_999_999_999L), ChatKeys.META);
    assertThat(ChatKeys.checkpoint(7)).isEqualTo("CP#0000000007").startsWith(ChatKeys.CHECKPOINTS);
    assertThat(ChatKeys.part(7, "ab12cd34", 3)).isEqualTo("CP#0000000007#PART#ab12cd34#003");
  }

  @Test
  void theRangeAfterACheckpointsPartsHoldsThemAndNotTheNextCheckpoint() {
    String writeId = UUID.randomUUID().toString().substring(0, 8);
    String end = ChatKeys.afterPartsOf(7);
    assertThat(ChatKeys.part(7, writeId, 999)).isLessThan(end);
    assertThat(ChatKeys.part(7, "ffffffff", 999)).isLessThan(end);
    assertThat(ChatKeys.checkpoint(8)).isGreaterThan(end);
  }

  @Test
  void tellsPartsAndTheirWriterFromCheckpoints() {
    assertThat(ChatKeys.isPart(ChatKeys.part(3, "ab12cd34", 1))).isTrue();
    assertThat(ChatKeys.isPart(ChatKeys.checkpoint(3))).isFalse();
    assertThat(ChatKeys.isPart(ChatKeys.META)).isFalse();
    assertThat(ChatKeys.isPartWrittenBy(ChatKeys.part(3, "ab12cd34", 1), "ab12cd34")).isTrue();
    assertThat(ChatKeys.isPartWrittenBy(ChatKeys.part(3, "ab12cd34", 1), "ab12cd3")).isFalse();
    assertThat(ChatKeys.isPartWrittenBy(ChatKeys.checkpoint(3), "ab12cd34")).isFalse();
  }
}
