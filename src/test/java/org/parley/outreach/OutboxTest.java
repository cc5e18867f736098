package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A send is recorded once under its key, scheduled, with its arguments typed. */
class OutboxTest {

    @TempDir
    Path data;
    Store store;

    @BeforeEach
    void open() {
        store = Store.embedded(data, "parley");
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Send send(String key) {
        return new Send(key, "example-health", "EH100234", Send.ALERT, "balance_imported", null,
                0, "outreach.balance", Map.of("balance", new BigDecimal("1234.50"),
                "due", LocalDate.parse("2026-12-20")), List.of("sms", "email"), TestParley.NOW,
                List.of("pay", "payment_plan"), Optional.empty());
    }

    @Test
    void aSendIsScheduledOnceUnderItsKey() {
        Outbox outbox = new Outbox(store.database());

        boolean first = outbox.schedule(send("balance_imported:example-health:EH100234"));
        boolean second = outbox.schedule(send("balance_imported:example-health:EH100234"));

        assertEquals(true, first);
        assertEquals(false, second);
        Document doc = store.database().getCollection("outreach_sends").find().first();
        assertEquals("scheduled", doc.getString("status"));
        assertEquals(Date.from(TestParley.NOW), doc.getDate("dueAt"));
        assertEquals(1, store.database().getCollection("outreach_sends").countDocuments());
        assertEquals(Map.of("balance", new BigDecimal("1234.50"),
                        "due", LocalDate.parse("2026-12-20")),
                Outbox.decode(doc.get("args", Document.class)));
    }
}
