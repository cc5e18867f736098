package org.parley.payments;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A running Parley with the demo client for a test class, started once; before each test its
 * balances and payments are as on a first start. Its static helpers serve the payment tests
 * that start their own Parley.
 */
abstract class DemoParley {

    static final String CLIENT = "example-health";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void startParley() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stopParley() {
        parley.close();
    }

    @BeforeEach
    void demoBalances() {
        demo(parley);
    }

    /** The demo's balances and no payments, as on a first start. */
    static void demo(TestParley parley) {
        var db = parley.parley().store().database();
        db.getCollection("payments").deleteMany(new Document());
        db.getCollection("accounts").updateMany(new Document(),
                new Document("$unset", new Document("appliedPayments", "")));
        try (InputStream in = DemoParley.class.getResourceAsStream("/demo/example-health.csv")) {
            parley.parley().services().balances().importCsv(CLIENT, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BigDecimal balance(TestParley parley, String account) {
        return parley.parley().services().accounts().find(CLIENT, account).orElseThrow()
                .totalDue();
    }

    /** The documents of each named collection, to show that something changed nothing. */
    static List<List<Document>> stored(TestParley parley, String... collections) {
        List<List<Document>> all = new ArrayList<>();
        for (String name : collections) {
            all.add(parley.parley().store().database().getCollection(name).find()
                    .into(new ArrayList<>()));
        }
        return all;
    }

    static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
