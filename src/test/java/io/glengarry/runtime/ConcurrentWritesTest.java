package io.glengarry.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Independent writes side by side: every write runs, the first failure is rethrown once all have ended. */
class ConcurrentWritesTest {

    @Test
    void runWritesEveryTableAndRethrowsTheFirstFailure() {
        for (int threads : new int[] {1, 4}) {
            List<String> ran = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> ConcurrentWrites.run(threads, List.of(() -> ran.add("leads"), () -> {
                throw new IllegalStateException("touches failed");
            }, () -> ran.add("orders")))).as("%d threads", threads).hasMessage("touches failed");
            // one thread: one after the other, stopping at the failure; more: every write runs
            assertThat(ran).as("%d threads", threads).containsExactlyInAnyOrderElementsOf(threads == 1
                    ? List.of("leads") : List.of("leads", "orders"));
        }
    }
}
