package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.AgentClient;
import org.parley.testing.EmailPatient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.MailServer;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import jakarta.mail.internet.MimeMessage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the console is told of the patient's channel as soon as a conversation is claimed (the
 * channel, the masked address, whether the patient opted out there), and that a reply to a
 * patient who opted out is refused, never confirmed as sent.
 */
class AgentContextChannelsTest {

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static MailServer mail;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        mail = MailServer.start();
        Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
        env.putAll(mail.env());
        parley = TestParley.start(data, env, CLOCK);
        AgentClient.member(parley, "ana@example-health.test", "Ana Agent", "\"agent\"", "\"en\"");
    }

    @AfterAll
    static void stop() {
        parley.close();
        mail.close();
        twilio.close();
    }

    @Test
    void anEmailConversationIsShownAsEmailWithTheMaskedAddressRightAfterTheClaim() {
        EmailPatient pat = new EmailPatient(parley, mail, "pat.doe@example.test", CLOCK);
        try (AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            pat.write("My bill", "I want to talk to a person");
            pat.next();
            String id = queued("pat.doe@example.test");

            JsonNode context = ana.claim(id);

            assertEquals("email ••••••••••••••••test false", context.get("channel").asText() + " "
                    + context.get("address").asText() + " "
                    + context.get("consent").get("optedOut").asBoolean());
        }
    }

    @Test
    void anAgentsEmailIsNotMarkedAsAnAutomaticReplyAsTheBotsAre() {
        EmailPatient kim = new EmailPatient(parley, mail, "kim.roe@example.test", CLOCK);
        try (AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            kim.write("Question", "I want to talk to a person");
            MimeMessage bot = kim.next();
            String id = queued("kim.roe@example.test");
            ana.claim(id);

            ana.reply(id, "Hello Kim, this is Ana from the billing team.");
            parley.parley().email().sender().drain();
            MimeMessage person = kim.receives("Hello Kim, this is Ana from the billing team.");

            assertEquals("bot: auto-replied, person: (none)", "bot: "
                    + EmailPatient.header(bot, "Auto-Submitted") + ", person: "
                    + Optional.ofNullable(EmailPatient.header(person, "Auto-Submitted"))
                    .orElse("(none)"));
        }
    }

    @Test
    void aReplyToAnSmsPatientWhoOptedOutIsRefusedAndNothingIsStored() {
        String number = "+14045550181";
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        try (AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            phone.text("talk to a person");
            phone.next();
            phone.text("STOP");
            phone.next();
            String id = queued(number);

            JsonNode context = ana.claim(id);
            ana.send(ana.frame("reply").put("conversationId", id).put("id", "r1")
                    .put("text", "Hello, this is Ana."));
            JsonNode refused = ana.next("error");

            assertEquals("sms true", context.get("consent").get("channel").asText() + " "
                    + context.get("consent").get("optedOut").asBoolean());
            assertEquals("opted_out: The patient opted out of sms messages, so nothing was "
                    + "sent; only the patient can opt back in, so reach them another way, such "
                    + "as a phone call", refused.get("code").asText() + ": "
                    + refused.get("message").asText());
            assertEquals(List.of(), parley.parley().services().conversations().messages(id)
                    .stream().filter(m -> m.from().equals("agent")).toList());
        }
    }

    /** The conversation with the patient at {@code address} waiting in the queue. */
    private static String queued(String address) {
        return parley.parley().services().handoffs().store().queued(List.of("example-health"))
                .stream().map(Handoff::conversationId)
                .filter(id -> parley.parley().services().conversations().find(id).orElseThrow()
                        .address().equals(address))
                .findFirst().orElseThrow();
    }
}
