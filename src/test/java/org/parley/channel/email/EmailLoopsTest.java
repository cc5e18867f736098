package org.parley.channel.email;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.dialog.Reply;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail that must not be answered: out-of-office and other automatic replies, list mail,
 * Parley's own mail coming back, bounces, and a runaway exchange past the hourly limit. Each is
 * answered the right way, which is mostly not at all.
 */
class EmailLoopsTest extends EmailCase {

    @BeforeAll
    static void start() {
        startEmail(Map.of("PARLEY_EMAIL_MAX_PER_HOUR", "3"));
    }

    private static ConversationService conversations() {
        return parley.parley().services().conversations();
    }

    private static List<String> transcript(String conversationId) {
        return conversations().messages(conversationId).stream()
                .map(m -> m.from() + ": " + m.text().lines().findFirst().orElse("")).toList();
    }

    @Test
    void anOutOfOfficeReplyIsKeptInTheThreadAndNotAnswered() {
        EmailPatient sam = email.patient("sam.away@example.test");
        sam.write("Bill", "What do I owe?");
        MimeMessage ours = sam.next();

        String body = sam.raw(EmailPatient.header(ours, "Reply-To"), "Automatic reply: Re: Bill",
                "oof-1@mail.patient.test", EmailPatient.thread(ours),
                "I am out of the office until Monday.");
        String response = sam.deliver(body.replace("MIME-Version", "Auto-Submitted: auto-replied"
                + "\r\nMIME-Version")).body();

        assertTrue(response.contains("\"status\":\"attached\""), response);
        email.noMoreMailTo(sam);
        assertEquals(List.of("patient: What do I owe?",
                        "bot: Hi, this is the billing assistant for Example Health. I can help "
                                + "you with your bill.",
                        "patient: I am out of the office until Monday."),
                transcript(email.conversationOf(ours)));
    }

    @Test
    void anExchangeOutOfOfficeMarkedOnlyByItsVendorHeaderIsNotAnswered() {
        EmailPatient kim = email.patient("kim.away@example.test");
        kim.write("Bill", "balance");
        MimeMessage ours = kim.next();

        String body = kim.raw(EmailPatient.header(ours, "Reply-To"), "Automatic reply: Bill",
                "oof-2@mail.patient.test", EmailPatient.thread(ours), "Away until Monday.");
        String response = kim.deliver(body.replace("MIME-Version",
                "X-Auto-Response-Suppress: All\r\nMIME-Version")).body();

        assertTrue(response.contains("\"status\":\"attached\""), response);
        email.noMoreMailTo(kim);
    }

    @Test
    void listMailOutsideAnyThreadIsNeitherStoredNorAnswered() {
        EmailPatient list = email.patient("news@lists.example.test");
        String body = list.raw(MailServer.CLIENT_ADDRESS, "Weekly news",
                "news-1@lists.example.test", List.of(), "This week in health news.");

        String response = list.deliver(body.replace("MIME-Version",
                "List-Id: <news.lists.example.test>\r\nPrecedence: list\r\nMIME-Version")).body();

        assertEquals("{\"status\":\"ignored\"}", response);
        email.noMoreMailTo(list);
    }

    @Test
    void parleysOwnMailComingBackIsDropped() {
        EmailPatient self = email.patient(MailServer.CLIENT_ADDRESS);

        String response = self.deliver(self.raw(MailServer.CLIENT_ADDRESS, "Re: Bill",
                "loop-1@example-health.test", List.of(), "Hi, this is the billing assistant."))
                .body();

        assertEquals("{\"status\":\"ignored\"}", response);
        email.noMoreMailTo(self);
    }

    @Test
    void aBounceMarksTheMessageBouncedAndTheAddressUndeliverableUntilThePatientWritesAgain() {
        EmailPatient gone = email.patient("gone.soon@example.test");
        gone.write("Bill", "What do I owe?");
        MimeMessage ours = gone.next();
        String conversationId = email.conversationOf(ours);
        String ourId = EmailPatient.header(ours, "Message-ID");

        String dsn = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.test>
                To: billing@example-health.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-1@mx.example.test>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Your message could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test

                Final-Recipient: rfc822; gone.soon@example.test
                Action: failed
                Status: 5.1.1
                --r
                Content-Type: text/rfc822-headers

                Message-ID: %s
                --r--
                """.formatted(ourId).replace("\n", "\r\n");
        String response = gone.deliver(dsn).body();

        assertEquals("{\"status\":\"bounce\",\"conversationId\":\"" + conversationId + "\"}",
                response);
        assertEquals("bounced", conversations().deliveries(conversationId).get(2L).get("status"));
        assertTrue(parley.parley().email().deliverability().undeliverable("example-health",
                "gone.soon@example.test"));

        List<Message> notice = conversations().notify(conversationId, new ConversationService
                .Notice("reminder-1", List.of(new Reply("menu.prompt", Map.of(), List.of())),
                Optional.empty()));
        parley.parley().email().sender().drain();
        assertEquals("suppressed", conversations().deliveries(conversationId)
                .get(notice.get(0).seq()).get("status"));
        email.noMoreMailTo(gone);

        gone.write("Still here", "balance");
        gone.next();
        assertFalse(parley.parley().email().deliverability().undeliverable("example-health",
                "gone.soon@example.test"));
    }

    @Test
    void pastTheHourlyLimitMessagesAreKeptButNotAnswered() {
        EmailPatient robot = email.patient("chatty.robot@example.test");
        robot.write("Hi", "hello");
        robot.next();
        robot.reply("hello again");
        robot.next();
        robot.reply("and again");
        robot.next();

        robot.reply("and again and again");

        email.noMoreMailTo(robot);
        List<String> said = transcript(email.conversationOf(robot.last()));
        assertEquals("patient: and again and again", said.get(said.size() - 1));
    }
}
