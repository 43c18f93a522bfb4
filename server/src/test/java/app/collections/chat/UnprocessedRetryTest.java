package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds of resubmitting a batch's unprocessed requests. */
class UnprocessedRetryTest {
  private final List<Long> backoffs = new ArrayList<>();
  private final UnprocessedRetry retry = new UnprocessedRetry(backoffs::add);

  @Test
  void aBatchDoneAtOnceIsOneCallWithoutWaiting() {
    List<Map<String, List<String>>> calls = new ArrayList<>();
    retry.untilProcessed(Map.of("t", List.of("a", "b")), batch -> {
      calls.add(batch);
      return Map.of();
    }, batch -> batch.get("t").size(), "deletes");
    assertThat(calls).containsExactly(Map.of("t", List.of("a", "b")));
    assertThat(backoffs).isEmpty();
  }

  @Test
  void resubmitsOnlyWhatWasLeftBackingOffEachTime() {
    List<Map<String, List<String>>> calls = new ArrayList<>();
    retry.untilProcessed(Map.of("t", List.of("a", "b", "c")), batch -> {
      calls.add(batch);
      List<String> left = batch.get("t").subList(1, batch.get("t").size());
      return left.isEmpty() ? Map.of() : Map.of("t", left);
    }, batch -> batch.get("t").size(), "deletes");
    assertThat(calls).containsExactly(Map.of("t", List.of("a", "b", "c")), Map.of("t", List.of("b", "c")),
        Map.of("t", List.of("c")));
    assertThat(backoffs).containsExactly(50L, 100L);
  }

  @Test
  void givesUpAfterEightCallsAndAboutSixSecondsOfBackOff() {
    List<Map<String, List<String>>> calls = new ArrayList<>();
    assertThatThrownBy(() -> retry.untilProcessed(Map.of("t", List.of("a", "b")), batch -> {
      calls.add(batch);
      return batch;
    }, batch -> batch.get("t").size(), "deletes of alice#s"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DynamoDB kept 2 deletes of alice#s unprocessed");
    assertThat(calls).hasSize(UnprocessedRetry.MAX_CALLS).hasSize(8);
    assertThat(backoffs).containsExactly(50L, 100L, 200L, 400L, 800L, 1600L, 3200L);
    assertThat(backoffs.stream().mapToLong(Long::longValue).sum()).isEqualTo(6350);
  }

  @Test
  void anInterruptedBackOffStopsAndKeepsTheInterrupt() {
    UnprocessedRetry interrupted = new UnprocessedRetry(millis -> {
      throw new InterruptedException();
    });
    try {
      assertThatThrownBy(() -> interrupted.untilProcessed(Map.of("t", List.of("a")), batch -> batch,
          batch -> batch.get("t").size(), "reads"))
          .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
