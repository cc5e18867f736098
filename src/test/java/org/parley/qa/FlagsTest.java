package org.parley.qa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each automatic flag is raised by a conversation built to trip it and not by one built not
 * to. Conversations go through the real web chat and SMS channels; agents' messages are stored
 * as the agent console stores them.
 */
class FlagsTest {

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Seeds seeds;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), CLOCK);
        seeds = new Seeds(parley, CLOCK);
    }

    @AfterAll
    static void stop() {
        parley.close();
        twilio.close();
    }

    private static List<Flags.Flag> flags(String conversationId) {
        seeds.summarize();
        return seeds.summary(conversationId).flags();
    }

    private static Flags.Flag flag(String code, long seq) {
        return new Flags.Flag(code, seq);
    }

    @Test
    void anAgentNamingTheBalanceBeforeVerificationIsFlagged() {
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.agentSays(id, "agent-1", "Hi! Your balance is $1,234.50.", "sent");

        assertEquals(List.of(flag(Flags.BALANCE_BEFORE_VERIFICATION, 6)), flags(id));
    }

    @Test
    void aBalanceShownAfterVerificationIsNotFlagged() {
        String id = seeds.chat("en", "what do I owe?", "03/14/1985 rivera");

        assertEquals(List.of(), flags(id));
    }

    @Test
    void aMessageSentAfterStopIsFlagged() {
        String id = seeds.sms(twilio, "+14045550101", "balance", "STOP");
        seeds.agentSays(id, "agent-1", "Please call us back when you can.", "sent");

        assertEquals(List.of(flag(Flags.OPT_OUT_NOT_HONOURED, 5)), flags(id));
    }

    @Test
    void stopAnsweredOnlyWithItsConfirmationIsNotFlagged() {
        String id = seeds.sms(twilio, "+14045550102", "balance", "STOP", "hello?");
        seeds.agentSays(id, "agent-1", "Please call us back when you can.", "suppressed");

        assertEquals(List.of(), flags(id));
    }

    @Test
    void anAgentAnsweringLaterThanTheTargetIsFlagged() {
        String id = seeds.chat("en", "I want to talk to a person");
        CLOCK.advance(Duration.ofMinutes(5));
        seeds.agentSays(id, "agent-1", "Sorry for the wait, how can I help?", "sent");

        assertEquals(List.of(flag(Flags.SLOW_AGENT_REPLY, 6)), flags(id));
    }

    @Test
    void anAgentAnsweringWithinTheTargetIsNotFlagged() {
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.agentSays(id, "agent-1", "Hello, how can I help?", "sent");

        assertEquals(List.of(), flags(id));
    }

    @Test
    void aTypedCardNumberIsFlaggedAtThePatientsMessage() {
        String id = seeds.chat("en", "my card is 4111 1111 1111 1111");

        assertEquals(List.of(flag(Flags.CARD_NUMBER_MASKED, 3)), flags(id));
    }

    @Test
    void aConversationWithoutACardNumberIsNotFlaggedForOne() {
        String id = seeds.chat("en", "what do I owe?");

        assertEquals(List.of(), flags(id));
    }

    @Test
    void twoMessagesInARowNotUnderstoodAreFlagged() {
        String id = seeds.chat("en", "blorp zzz", "qwxv plonk");

        assertEquals(List.of(flag(Flags.REPEATED_NOT_UNDERSTOOD, 6)), flags(id));
    }

    @Test
    void oneMessageNotUnderstoodThenARequestIsNotFlagged() {
        String id = seeds.chat("en", "blorp zzz", "what do I owe?");

        assertEquals(List.of(), flags(id));
    }

    @Test
    void aConversationThatEndedWithoutAnOutcomeIsFlaggedAndAbandoned() {
        String id = seeds.chat("en", "what do I owe?");
        CLOCK.advance(Duration.ofHours(25));

        assertEquals(List.of(flag(Flags.NO_OUTCOME, 4)), flags(id));
        assertEquals(List.of(QaSummary.ABANDONED), seeds.summary(id).outcomes());
    }

    @Test
    void aConversationThatEndedWithAnOptOutHasAnOutcomeAndNoFlag() {
        String id = seeds.sms(twilio, "+14045550103", "balance", "STOP");
        CLOCK.advance(Duration.ofHours(25));

        assertEquals(List.of(), flags(id));
        assertEquals(List.of(QaSummary.OPTED_OUT), seeds.summary(id).outcomes());
    }
}
