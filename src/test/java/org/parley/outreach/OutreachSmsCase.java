package org.parley.outreach;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What outreach tests by text share: one fake Twilio per class, a fresh Parley per test on a
 * clock that starts at {@link #START} unless the test class says otherwise.
 */
abstract class OutreachSmsCase {

    static final Instant START = Instant.parse("2026-12-04T15:00:00Z");
    /** The first text of a collection alert to a patient not yet verified, in English. */
    static final String GENERIC_EN = """
            Example Health has a billing message for you. Choose an option; we will confirm \
            who you are first. Help: (555) 010-0199. Reply STOP to opt out.
            1 Pay my bill
            2 Payment plan
            3 Talk to a person
            Reply with a number from 1 to 3.""";
    /** The same in Spanish. */
    static final String GENERIC_ES = """
            Example Health tiene un mensaje sobre su cuenta. Elija abajo; antes verificaremos \
            sus datos. Ayuda: (555) 010-0199. Responda STOP para no recibir mensajes.
            1 Pagar mi factura
            2 Plan de pagos
            3 Hablar con una persona
            Responda con un número del 1 al 3.""";
    static FakeTwilio twilio;

    @TempDir
    Path data;
    final TestClock clock = new TestClock(start());
    OutreachFixture fx;

    @BeforeAll
    static void startTwilio() {
        twilio = FakeTwilio.start();
    }

    @AfterAll
    static void stopTwilio() {
        twilio.close();
    }

    /** When the test's clock starts: 10 a.m. in Atlanta unless overridden. */
    Instant start() {
        return START;
    }

    @BeforeEach
    void startParley() {
        fx = new OutreachFixture(data, SmsPhone.env(twilio), clock);
    }

    @AfterEach
    void stopParley() {
        fx.close();
    }

    /**
     * A delivery field of each text whose key ({@code dedupe}) matches {@code dedupe}, in the
     * order they were said; instants as ISO strings.
     */
    java.util.List<String> deliveries(String field, String dedupe) {
        java.util.List<String> out = new java.util.ArrayList<>();
        fx.parley.parley().store().database().getCollection("messages")
                .find(com.mongodb.client.model.Filters.regex("dedupe", dedupe))
                .sort(new org.bson.Document("seq", 1)).forEach(m -> {
                    Object v = m.get("delivery", org.bson.Document.class).get(field);
                    out.add(v instanceof java.util.Date d ? d.toInstant().toString()
                            : String.valueOf(v));
                });
        return out;
    }
}
