package org.parley.assistance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;
import org.parley.testing.AtOnce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Application references made at the same moment are each their own: FA-1001, FA-1002, ... */
class ApplicationNumbersTest {

    /** Clients whose three applications are numbered at once, each another chance at a race. */
    private static final int CLIENTS = 200;

    /**
     * Regression: the embedded store answered the counter's update with the document it keeps,
     * which the next application's update changed before the answer was sent, so two
     * applications could read the same number.
     */
    @Test
    void threeApplicationsNumberedAtOnceGetTheFirstThreeReferencesOneEach(@TempDir Path dir)
            throws Exception {
        try (Store store = Store.embedded(dir, "test")) {
            ApplicationStore applications = new ApplicationStore(store.database());

            List<List<String>> numbered = AtOnce.run(CLIENTS, 3,
                    c -> () -> applications.nextId("client-" + c));

            List<String> wrong = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                List<String> sorted = numbered.get(c).stream().sorted().toList();
                if (!sorted.equals(List.of("FA-1001", "FA-1002", "FA-1003"))) {
                    wrong.add("client-" + c + " " + sorted);
                }
            }
            assertEquals(List.of(), wrong);
        }
    }
}
