package org.parley.handoff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task queued twice under one key is one task. */
class AgentTasksTest {

    @TempDir
    Path data;

    @Test
    void theSameTaskQueuedTwiceIsKeptOnceAndListedWithWhatTheAgentNeeds() {
        try (Store store = Store.embedded(data, "parley")) {
            AgentTasks tasks = new AgentTasks(store.database(), new TestClock(TestParley.NOW));

            boolean first = tasks.queue("example-health", "missed:p1:2", "missed_payment",
                    "EH100234", Optional.of("c-1"), Map.of("installment", 2));
            boolean second = tasks.queue("example-health", "missed:p1:2", "missed_payment",
                    "EH100234", Optional.of("c-1"), Map.of("installment", 2));

            assertEquals(true, first);
            assertEquals(false, second);
            assertEquals(List.of(new AgentTasks.Task("example-health", "missed:p1:2",
                    "missed_payment", "EH100234", Optional.of("c-1"), Map.of("installment", 2),
                    "open", TestParley.NOW)), tasks.list("example-health", "open"));
            assertEquals(List.of(), tasks.list("other-client", "open"));
        }
    }
}
