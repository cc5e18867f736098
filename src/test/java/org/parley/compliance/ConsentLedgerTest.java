package org.parley.compliance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.compliance.ConsentLedger.Entry;
import org.parley.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentLedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:05:09.123Z");
    private static final String PHONE = "+14155550123";

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock(T0);
    private Store store;
    private ConsentLedger ledger;

    @BeforeEach
    void open() {
        store = Store.embedded(dataDir, "test");
        ledger = new ConsentLedger(store.database(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void optOutIsRecordedWithEveryFieldAndTheClocksInstant() {
        // when
        boolean changed = ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD,
                Optional.of("conv-1"));

        // then
        assertTrue(changed);
        assertTrue(ledger.optedOut("acme", "sms", PHONE));
        assertEquals(List.of(new Entry("acme", "sms", PHONE, "opt_out", "keyword", T0,
                Optional.of("conv-1"))), ledger.history("acme", "sms", PHONE));
    }

    @Test
    void repeatedOptOutIsRecordedButDoesNotChangeTheState() {
        // given
        ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD, Optional.of("conv-1"));
        clock.advance(Duration.ofMinutes(3));

        // when
        boolean changed = ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD,
                Optional.empty());

        // then
        assertFalse(changed);
        assertTrue(ledger.optedOut("acme", "sms", PHONE));
        assertEquals(List.of(
                new Entry("acme", "sms", PHONE, "opt_out", "keyword", T0, Optional.of("conv-1")),
                new Entry("acme", "sms", PHONE, "opt_out", "keyword", T0.plusSeconds(180),
                        Optional.empty())), ledger.history("acme", "sms", PHONE));
    }

    @Test
    void optInAfterOptOutChangesTheStateBack() {
        // given
        ledger.optOut("acme", "sms", PHONE, ConsentLedger.CARRIER_21610, Optional.empty());
        clock.advance(Duration.ofDays(2));

        // when
        boolean changed = ledger.optIn("acme", "sms", PHONE, ConsentLedger.KEYWORD,
                Optional.of("conv-2"));

        // then
        assertTrue(changed);
        assertFalse(ledger.optedOut("acme", "sms", PHONE));
        assertEquals(List.of(
                new Entry("acme", "sms", PHONE, "opt_out", "carrier_21610", T0, Optional.empty()),
                new Entry("acme", "sms", PHONE, "opt_in", "keyword", T0.plus(Duration.ofDays(2)),
                        Optional.of("conv-2"))), ledger.history("acme", "sms", PHONE));
    }

    @Test
    void optInOfAnAddressThatNeverOptedOutIsRecordedAsNoChange() {
        // when
        boolean changed = ledger.optIn("acme", "sms", PHONE, ConsentLedger.OPERATOR,
                Optional.empty());

        // then
        assertFalse(changed);
        assertFalse(ledger.optedOut("acme", "sms", PHONE));
        assertEquals(List.of(new Entry("acme", "sms", PHONE, "opt_in", "operator", T0,
                Optional.empty())), ledger.history("acme", "sms", PHONE));
    }

    @Test
    void anAddressNeverSeenIsNotOptedOut() {
        // then
        assertFalse(ledger.optedOut("acme", "sms", PHONE));
        assertEquals(List.of(), ledger.history("acme", "sms", PHONE));
    }

    @Test
    void optOutAppliesToOneClientAndOneChannelOnly() {
        // when
        ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD, Optional.empty());

        // then
        assertTrue(ledger.optedOut("acme", "sms", PHONE));
        assertFalse(ledger.optedOut("other-clinic", "sms", PHONE));
        assertFalse(ledger.optedOut("acme", "email", PHONE));
        assertFalse(ledger.optedOut("acme", "sms", "+14155550999"));
    }

    @Test
    void emailAddressesMatchWhateverTheirCase() {
        // when
        ledger.optOut("acme", "email", " Pat.Rivera@Example.com", ConsentLedger.KEYWORD,
                Optional.empty());

        // then
        assertTrue(ledger.optedOut("acme", "email", "pat.rivera@example.com"));
        assertEquals("pat.rivera@example.com",
                ledger.history("acme", "email", "PAT.RIVERA@EXAMPLE.COM").get(0).address());
    }

    @Test
    void optOutConfirmationIsClaimedOncePerOptOut() {
        // given
        ledger.optOut("acme", "sms", PHONE, ConsentLedger.REQUEST_IN_WORDS, Optional.empty());

        // when
        boolean first = ledger.claimOptOutConfirmation("acme", "sms", PHONE);
        boolean second = ledger.claimOptOutConfirmation("acme", "sms", PHONE);
        ledger.optIn("acme", "sms", PHONE, ConsentLedger.KEYWORD, Optional.empty());
        boolean whileOptedIn = ledger.claimOptOutConfirmation("acme", "sms", PHONE);
        ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD, Optional.empty());
        boolean afterOptingOutAgain = ledger.claimOptOutConfirmation("acme", "sms", PHONE);

        // then
        assertEquals(List.of(true, false, false, true),
                List.of(first, second, whileOptedIn, afterOptingOutAgain));
    }

    @Test
    void stateAndHistorySurviveReopeningTheStoreFromTheSameFolder() {
        // given
        ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD, Optional.of("conv-1"));
        store.close();

        // when
        store = Store.embedded(dataDir, "test");
        ledger = new ConsentLedger(store.database(), clock);

        // then
        assertTrue(ledger.optedOut("acme", "sms", PHONE));
        assertFalse(ledger.optOut("acme", "sms", PHONE, ConsentLedger.KEYWORD, Optional.empty()));
        assertEquals(2, ledger.history("acme", "sms", PHONE).size());
    }

    @Test
    void unknownWayOfOptingOutIsRefusedWithTheKnownOnes() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ledger.optOut("acme", "sms", PHONE, "sms_reply", Optional.empty()));

        // then
        assertEquals("Consent change 'sms_reply' is not one the ledger records; use one of "
                + "[carrier_21610, keyword, operator, request_in_words, unsubscribe_link]",
                e.getMessage());
        assertFalse(ledger.optedOut("acme", "sms", PHONE));
    }

    @Test
    void optOutWithoutAnAddressIsRefused() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ledger.optOut("acme", "webchat", "", ConsentLedger.KEYWORD, Optional.empty()));

        // then
        assertEquals("Consent needs a client, a channel and an address; got client 'acme', "
                + "channel 'webchat' and no address; web chat has no address and keeps no "
                + "consent", e.getMessage());
    }

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
