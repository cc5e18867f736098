package org.parley.qa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.audit.AuditLog;
import org.parley.payments.PaymentSource;
import org.parley.payments.ReportedPayment;
import org.parley.testing.AgentClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading a transcript in the QA console: every message and event in order with the bot's
 * reading, masked personal details revealed one at a time, and every view and reveal audited.
 */
class TranscriptTest {

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Seeds seeds;
    static Reviewer reviewer;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        Map<String, String> env = new java.util.HashMap<>(SmsPhone.env(twilio));
        env.put("PARLEY_STAFF_DEMO_PASSWORD", Reviewer.PASSWORD);
        parley = TestParley.start(data, env, CLOCK);
        seeds = new Seeds(parley, CLOCK);
        reviewer = Reviewer.demo(parley);
    }

    @AfterAll
    static void stop() {
        seeds.closeAgents();
        parley.close();
        twilio.close();
    }

    /** Each item of a transcript as one line: a message with its note, or an event. */
    static List<String> lines(JsonNode transcript) {
        List<String> lines = new ArrayList<>();
        for (JsonNode item : transcript.get("items")) {
            if (item.get("type").asText().equals("event")) {
                lines.add("  " + item.get("kind").asText() + " by " + item.get("actor").asText()
                        + " " + item.get("details"));
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode s : item.get("segments")) {
                text.append(s.has("text") ? s.get("text").asText()
                        : "<" + s.get("masked").asText() + " " + s.get("ref").asText() + ">");
            }
            String first = text.toString().split("\n")[0];
            StringBuilder line = new StringBuilder("#" + item.get("seq") + " "
                    + item.get("from").asText() + (item.has("agentId") ? " "
                    + item.get("agentId").asText() : "") + ": " + first);
            JsonNode note = item.get("note");
            if (note != null) {
                line.append(" {").append(note.path("intent").asText("-")).append(' ')
                        .append(note.path("outcome").asText("-")).append(' ')
                        .append(note.get("entities")).append(' ')
                        .append(note.get("flow").asText()).append('.')
                        .append(note.get("step").asText())
                        .append(note.get("verified").asBoolean() ? " verified" : "")
                        .append(note.get("understood").asBoolean() ? "" : " not-understood")
                        .append('}');
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Test
    void aPlanAndAPaymentShowInOrderWithTheBotsReadingOfEachTurn() {
        String id = seeds.chat("en", "I'd like a payment plan", "03/14/1985 Rivera", "1", "yes");
        CLOCK.advance(Seeds.STEP);
        parley.parley().payments().ledger().record(new ReportedPayment("example-health",
                "pay-qa-1", "EH100234", new BigDecimal("411.50"), CLOCK.instant(), "card",
                Optional.of("1111"), PaymentSource.WEBHOOK, Optional.empty(), Optional.of(id)));

        JsonNode transcript = reviewer.getJson("/qa/api/conversations/" + id);

        assertEquals(List.of(
                "#1 bot: Hi, this is the billing assistant for Example Health. I can help you "
                        + "with your bill. {- - [] main.menu}",
                "#2 bot: What would you like to do?",
                "#3 patient: I'd like a payment plan",
                "#4 bot: First I need to confirm who you are. Please send your date of birth and "
                        + "last name (for example: 03/14/1985 Rivera), or your account number and "
                        + "ZIP code. {payment_plan - [] verify-identity.collect}",
                "#5 patient: <date_of_birth 5:0> Rivera",
                "  verification by bot {\"result\":\"verified\"}",
                "  balance_disclosed by bot {}",
                "#6 bot: Thank you, Alex. I've confirmed your identity. {- verified "
                        + "[\"date_of_birth\",\"last_name\"] payment-plan.choose verified}",
                "#7 bot: Here are the monthly plans I can offer for your balance of $1,234.50 "
                        + "(say \"every two weeks\" for plans paid every two weeks):",
                "#8 bot: 1. 3 months: 3 payments of $411.50",
                "#9 bot: 2. 6 months: 6 payments of $205.75",
                "#10 bot: 3. 12 months: 12 payments of $102.87, the last $102.93",
                "#11 bot: Reply with the number of the plan you'd like, or tell me what you can "
                        + "pay, for example \"$75 a month\".",
                "#12 patient: 1",
                "  balance_disclosed by bot {}",
                "#13 bot: Here are the terms of your plan: 3 payments of $411.50 a month, "
                        + "$1,234.50 in all. Due dates: {- proposed [] payment-plan.agree "
                        + "verified}",
                "#14 bot: January 3, 2027: $411.50",
                "#15 bot: February 3, 2027: $411.50",
                "#16 bot: March 3, 2027: $411.50",
                "#17 bot: Do you agree to these terms? Reply YES to agree, or NO to see the "
                        + "other plans.",
                "#18 patient: yes",
                "  plan_created by bot {}",
                "#19 bot: Thank you, your payment plan is set up. Your first payment of $411.50 "
                        + "is due January 3, 2027. {- agreed [] main.again verified}",
                "#20 bot: Is there anything else I can help you with?",
                "  payment by patient {\"paymentId\":\"pay-qa-1\",\"method\":\"card\","
                        + "\"source\":\"webhook\"}",
                "#21 bot: Thank you! We received your payment of $411.50 on December 4, 2026. "
                        + "Your balance with Example Health is now $823.00."),
                lines(transcript));
        assertEquals("[\"paid\",\"plan_created\"]",
                transcript.get("summary").get("outcomes").toString());
    }

    @Test
    void anSmsHandoffShowsTheClaimTheAgentsMessagesItsNoteTheCloseAndTheOptOut() {
        String id = seeds.sms(twilio, "+14045550111", "balance", "03/14/1985 Rivera",
                "I want to talk to a person");
        AgentClient agent = seeds.agent("transcript-agent@example-health.test");
        seeds.claim(agent, id);
        seeds.reply(agent, id, "Hi Alex, is 404-555-0142 still your number?");
        seeds.note(agent, id, "Asked to confirm the phone; DOB 03/14/1985 checked");
        seeds.close(agent, id, "resolved");
        CLOCK.advance(Seeds.STEP);
        new SmsPhone(parley, twilio, "+14045550111").text("STOP");

        JsonNode transcript = reviewer.getJson("/qa/api/conversations/" + id);

        List<String> lines = lines(transcript);
        assertEquals(List.of(
                "#1 patient: balance",
                "#3 patient: <date_of_birth 3:0> Rivera",
                "  verification by bot {\"result\":\"verified\"}",
                "  balance_disclosed by bot {}",
                "#5 patient: I want to talk to a person",
                "  handoff by bot {\"reason\":\"patient_request\",\"language\":\"en\","
                        + "\"channel\":\"sms\"}",
                "#6 bot: I've asked a person from Example Health to join this conversation. They "
                        + "will reach out here shortly, or you can call (555) 010-0199. "
                        + "{talk_to_agent - [] talk-to-agent.hand-over verified}",
                "  claim by agent:" + agent.id() + " {}",
                "#7 agent " + agent.id() + ": Hi Alex, is <phone 7:0> still your number?",
                "  agent_note by agent:" + agent.id() + " {\"text\":\"Asked to confirm the "
                        + "phone; DOB [date of birth] checked\"}",
                "  close by agent:" + agent.id() + " {\"disposition\":\"resolved\"}",
                "#8 patient: STOP",
                "  opt_out by patient {\"how\":\"keyword\"}",
                "#9 bot: You're unsubscribed from Example Health"
                        + " text messages and will get no more texts. "
                        + "Reply START to resubscribe. {- - [] main.again verified}"),
                lines.stream().filter(l -> !l.startsWith("#2 ") && !l.startsWith("#4 ")).toList());
        JsonNode summary = transcript.get("summary");
        assertEquals("[\"" + agent.id() + "\"]", summary.get("agents").toString());
        assertEquals(true, summary.get("handed").asBoolean());
        assertEquals("[\"opted_out\"]", summary.get("outcomes").toString());
        assertEquals("{\"masked\":\"phone\",\"ref\":\"address\"}",
                transcript.get("conversation").get("address").toString());
    }

    @Test
    void revealingAMaskedDetailAnswersItsTextAndIsAuditedWithWhoWhatAndWhere() {
        String id = seeds.chat("en", "what do I owe?", "03/14/1985 Rivera");
        reviewer.getJson("/qa/api/conversations/" + id);

        JsonNode revealed = reviewer.call("POST", "/qa/api/conversations/" + id + "/reveal",
                "{\"ref\":\"5:0\"}");

        assertEquals("{\"ref\":\"5:0\",\"kind\":\"date_of_birth\",\"text\":\"03/14/1985\"}",
                revealed.toString());
        List<AuditLog.Entry> entries = parley.parley().services().audit().forConversation(id)
                .stream().filter(e -> e.actor().startsWith("staff:")).toList();
        assertEquals(List.of(
                new AuditLog.Entry("transcript_viewed", "staff:" + reviewer.id(),
                        "example-health", "EH100234", id, CLOCK.instant(),
                        Map.of("via", "console")),
                new AuditLog.Entry("personal_detail_revealed", "staff:" + reviewer.id(),
                        "example-health", "EH100234", id, CLOCK.instant(),
                        Map.of("ref", "5:0", "kind", "date_of_birth"))), entries);
    }

    @Test
    void aRevealWithoutTheSessionsCsrfTokenIsRefusedAndNotAudited() {
        String id = seeds.chat("en", "03/14/1985 Rivera");

        HttpResponse<String> refused = reviewer.sendWithoutCsrf("POST",
                "/qa/api/conversations/" + id + "/reveal", "{\"ref\":\"3:0\"}");

        assertEquals(403, refused.statusCode());
        assertEquals("csrf_token", Reviewer.json(refused.body()).get("error").asText());
        assertEquals(List.of(), parley.parley().services().audit().forConversation(id).stream()
                .filter(e -> e.actor().startsWith("staff:")).toList());
    }

    @Test
    void thePatientsPhoneNumberIsRevealedOnlyOnPurpose() {
        String id = seeds.sms(twilio, "+14045550112", "balance");

        JsonNode transcript = reviewer.getJson("/qa/api/conversations/" + id);
        JsonNode revealed = reviewer.call("POST", "/qa/api/conversations/" + id + "/reveal",
                "{\"ref\":\"address\"}");

        assertEquals(false, transcript.toString().contains("4045550112"));
        assertEquals("+14045550112", revealed.get("text").asText());
        assertEquals(List.of("transcript_viewed", "personal_detail_revealed"),
                parley.parley().services().audit().forConversation(id).stream()
                        .filter(e -> e.actor().startsWith("staff:"))
                        .map(AuditLog.Entry::event).toList());
    }

    @Test
    void aMessageWithMarkupComesBackAsPlainText() {
        String id = seeds.chat("en", "<img src=x onerror=alert(1)><b>hi</b>");

        JsonNode transcript = reviewer.getJson("/qa/api/conversations/" + id);

        assertEquals("[{\"text\":\"<img src=x onerror=alert(1)><b>hi</b>\"}]",
                transcript.get("items").get(2).get("segments").toString());
    }

    @Test
    void anAgentsClaimIsOneAuditedViewAndNotATranscriptInTheTimeline() {
        AgentClient agent = seeds.agent("viewer@example-health.test");
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        seeds.reply(agent, id, "Hello, how can I help?");

        assertEquals(1, parley.parley().services().audit().forConversation(id).stream()
                .filter(e -> e.event().equals("transcript_viewed")
                        && e.actor().equals("agent:" + agent.id())).count());
    }

    @Test
    void anUnknownDetailIsAnsweredWithTheDetailsTheConversationHas() {
        String id = seeds.chat("en", "I was born 03/14/1985");

        HttpResponse<String> detail = reviewer.send("POST", "/qa/api/conversations/" + id
                + "/reveal", "{\"ref\":\"9:0\"}");

        assertEquals("{\"error\":\"unknown_masked_detail\",\"message\":\"Conversation " + id
                + " has no masked detail '9:0'; use a 'ref' from its transcript: 3:0\"}",
                detail.body());
    }

    @Test
    void anUnknownDetailOrConversationIsNotFoundAndNothingIsAudited() {
        String id = seeds.chat("en", "what do I owe?");

        HttpResponse<String> detail = reviewer.send("POST", "/qa/api/conversations/" + id
                + "/reveal", "{\"ref\":\"3:0\"}");
        HttpResponse<String> conversation = reviewer.get("/qa/api/conversations/nope");

        assertEquals(404, detail.statusCode());
        assertEquals("{\"error\":\"unknown_masked_detail\",\"message\":\"Conversation " + id
                + " has no masked detail '3:0'; nothing in it is masked\"}", detail.body());
        assertEquals(404, conversation.statusCode());
        assertEquals(List.of(), parley.parley().services().audit().forConversation(id).stream()
                .filter(e -> e.actor().startsWith("staff:")).toList());
    }

    @Test
    void aReviewerOfAnotherClientIsRefusedAndAnAgentIsNotLetIn() {
        String id = seeds.chat("en", "what do I owe?");
        Reviewer.member(parley, "qa2@other.test", "\"qa\"", "");
        Reviewer.member(parley, "agent2@example-health.test", "\"agent\"",
                "\"example-health\"");
        Reviewer other = Reviewer.signIn(parley, "qa2@other.test", Reviewer.PASSWORD);
        Reviewer agent = Reviewer.signIn(parley, "agent2@example-health.test",
                Reviewer.PASSWORD);

        HttpResponse<String> refused = other.get("/qa/api/conversations/" + id);
        HttpResponse<String> agentRefused = agent.get("/qa/api/conversations/" + id);

        assertEquals(403, refused.statusCode());
        assertEquals("{\"error\":\"forbidden_client\",\"message\":\"You do not review client "
                + "'example-health'; you serve no client. Ask an administrator to add the "
                + "client to your account\"}", refused.body());
        assertEquals(403, agentRefused.statusCode());
        assertEquals("forbidden_role", Reviewer.json(agentRefused.body()).get("error").asText());
        assertEquals(List.of(), parley.parley().services().audit().forConversation(id).stream()
                .filter(e -> e.actor().startsWith("staff:")).toList());
    }
}
