package org.parley.qa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.AgentClient;
import org.parley.testing.SmsCase;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each automatic flag is raised by a conversation built to trip it and not by one built not
 * to. Conversations go through the real web chat and SMS channels; agents' messages are stored
 * as the agent console stores them.
 */
class FlagsTest extends SmsCase {

    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Seeds seeds;
    static final String AGENT = "flags-agent@example-health.test";

    @BeforeAll
    static void start() {
        startSms(CLOCK);
        seeds = new Seeds(parley, CLOCK);
    }

    @AfterAll
    static void closeAgents() {
        seeds.closeAgents();
    }

    private static List<Flags.Flag> flags(String conversationId) {
        seeds.summarize();
        return seeds.summary(conversationId).flags();
    }

    private static Flags.Flag flag(String code, long seq) {
        return new Flags.Flag(code, seq);
    }

    /**
     * The agent, signed in afresh: tests that move the clock a day on end every session.
     */
    private static AgentClient agent() {
        seeds.agent(AGENT);
        return seeds.agentAgain(AGENT);
    }

    @Test
    void anAgentNamingTheBalanceBeforeVerificationIsFlagged() {
        AgentClient agent = agent();
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        long said = seeds.reply(agent, id, "Hi! You can pay $85.00 today.");

        assertEquals(List.of(flag(Flags.BALANCE_BEFORE_VERIFICATION, said)), flags(id));
    }

    @Test
    void aBalanceShownAfterVerificationIsNotFlagged() {
        String id = seeds.chat("en", "what do I owe?", "03/14/1985 rivera");

        assertEquals(List.of(), flags(id));
    }

    @Test
    void anAssistanceScreeningBeforeVerificationIsNotFlaggedForItsIncomeAmounts() {
        String english = seeds.chat("en", "I can't afford this bill", "yes",
                "we're a family of four", "$2,500 a month");
        String spanish = seeds.chat("es", "Ayuda financiera", "sí", "solo yo", "40 mil al año");

        assertEquals(List.of(), flags(english));
        assertEquals(List.of(), flags(spanish));
    }

    @Test
    void aMessageSentAfterStopIsFlagged() {
        String id = seeds.sms(twilio, "+14045550101", "balance", "STOP");
        seeds.agentMessageOutsideTheConsole(id, "Please call us back when you can.", "sent");

        assertEquals(List.of(flag(Flags.OPT_OUT_NOT_HONOURED, 5)), flags(id));
    }

    @Test
    void stopAnsweredOnlyWithItsConfirmationIsNotFlagged() {
        AgentClient agent = agent();
        String id = seeds.sms(twilio, "+14045550102", "balance", "I want to talk to a person",
                "STOP", "hello?");
        seeds.claim(agent, id);
        // A reply to a patient who opted out is refused: nothing is stored or sent.
        agent.send(agent.frame("reply").put("conversationId", id).put("id", "after-stop")
                .put("text", "Please call us back when you can."));
        assertEquals("opted_out", agent.next("error").get("code").asText());

        assertEquals(List.of(), flags(id));
    }

    @Test
    void aPatientWhoOptsBackInIsAnsweredWithoutAFlagAndIsNotOptedOut() {
        String id = seeds.sms(twilio, "+14045550104", "balance", "STOP", "HELP", "START",
                "balance");
        CLOCK.advance(Duration.ofHours(25));

        List<Flags.Flag> raised = flags(id);
        assertEquals(List.of(flag(Flags.NO_OUTCOME, seeds.summary(id).messages())), raised);
        assertEquals(List.of(QaSummary.ABANDONED), seeds.summary(id).outcomes());
    }

    @Test
    void aStartConfirmationStoredJustBeforeTheLedgersOptInIsNotFlagged() {
        String id = seeds.sms(twilio, "+14045550105", "balance", "STOP", "START", "balance");
        // On a real clock the ledger's entry can be a few milliseconds after its confirmation.
        seeds.db().getCollection("consent").updateOne(new org.bson.Document("conversationId", id)
                        .append("action", "opt_in"), com.mongodb.client.model.Updates.set("at",
                java.util.Date.from(CLOCK.instant().minus(Seeds.STEP).plusMillis(40))));

        assertEquals(List.of(), flags(id));
        assertEquals(List.of(), seeds.summary(id).outcomes());
    }

    @Test
    void anAgentAnsweringLaterThanTheTargetIsFlagged() {
        AgentClient agent = agent();
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        seeds.wait(agent, Duration.ofMinutes(5));
        long said = seeds.reply(agent, id, "Sorry for the wait, how can I help?");

        assertEquals(List.of(flag(Flags.SLOW_AGENT_REPLY, said)), flags(id));
    }

    @Test
    void anAgentAnsweringWithinTheTargetIsNotFlagged() {
        AgentClient agent = agent();
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        seeds.reply(agent, id, "Hello, how can I help?");

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
    void aConversationAnAgentClosedWithoutAnOutcomeHasEndedAndIsFlagged() {
        AgentClient agent = agent();
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        long said = seeds.reply(agent, id, "Hello, how can I help?");
        seeds.close(agent, id, "no_response");

        assertEquals(List.of(flag(Flags.NO_OUTCOME, said)), flags(id));
        assertEquals(List.of(), seeds.summary(id).outcomes());
    }

    @Test
    void aConversationReturnedToTheBotEndsOnlyWhenItsLastMessageHasSatIdle() {
        AgentClient agent = agent();
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        seeds.reply(agent, id, "I'll hand you back to the assistant.");
        seeds.returnToBot(agent, id, "main.again");
        CLOCK.advance(Duration.ofHours(23));

        flags(id);
        assertEquals(false, seeds.summary(id).ended());
        CLOCK.advance(Duration.ofHours(1));
        flags(id);
        assertEquals(true, seeds.summary(id).ended());
    }

    @Test
    void aConversationThatEndedWithAnOptOutHasAnOutcomeAndNoFlag() {
        String id = seeds.sms(twilio, "+14045550103", "balance", "STOP");
        CLOCK.advance(Duration.ofHours(25));

        assertEquals(List.of(), flags(id));
        assertEquals(List.of(QaSummary.OPTED_OUT), seeds.summary(id).outcomes());
    }
}
