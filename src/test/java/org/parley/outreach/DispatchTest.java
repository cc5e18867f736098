package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How one batch of due sends is shared among the sending job's workers. */
class DispatchTest {

    private static final int WORKERS = 4;
    private static final int ACCOUNTS = 12;

    @Test
    void twelveAccountsAreSharedAmongAllFourWorkers() {
        Set<Integer> workers = new TreeSet<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            workers.add(Dispatch.worker(candidate(i, 1), WORKERS));
        }

        assertEquals(Set.of(0, 1, 2, 3), workers);
    }

    @Test
    void eachAccountsSendsGoToOneWorkerInTheOrderRead() {
        List<Document> due = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i < ACCOUNTS; i++) {
                due.add(candidate(i, n));
            }
        }

        List<List<Document>> shares = Dispatch.shares(due, WORKERS);

        assertEquals(WORKERS, shares.size());
        Map<String, Integer> shareOfAccount = new TreeMap<>();
        List<String> all = new ArrayList<>();
        for (int s = 0; s < shares.size(); s++) {
            List<String> keys = new ArrayList<>();
            for (Document d : shares.get(s)) {
                Integer before = shareOfAccount.put(d.getString("account"), s);
                assertTrue(before == null || before == s, d.getString("account"));
                keys.add(d.getString("_id"));
            }
            List<String> inOrder = due.stream().map(d -> d.getString("_id"))
                    .filter(keys::contains).toList();
            assertEquals(inOrder, keys);
            all.addAll(keys);
        }
        assertEquals(due.stream().map(d -> d.getString("_id")).sorted().toList(),
                all.stream().sorted().toList());
    }

    @Test
    void aBatchOfOneAccountIsOneShare() {
        List<Document> due = List.of(candidate(0, 1), candidate(0, 2), candidate(0, 3));

        assertEquals(List.of(due), Dispatch.shares(due, WORKERS));
    }

    /** A due send as the sender reads it, for the test's accounts (as OutreachWorkersTest's). */
    static Document candidate(int account, int n) {
        String number = "WK%06d".formatted(account);
        return new Document("_id", "wk-" + number + "-" + n)
                .append("clientId", OutreachFixture.CLIENT).append("account", number);
    }
}
