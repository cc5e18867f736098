package org.parley.channel.email;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.dialog.Reply;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opting out of email: the one-click {@code List-Unsubscribe-Post} a mail client sends, the page
 * behind the visible link, and STOP written in a reply, each recorded in the consent ledger so
 * that no more automated mail goes to the address.
 */
class EmailUnsubscribeTest extends EmailCase {

    @BeforeAll
    static void start() {
        startEmail(Map.of());
    }

    /** The unsubscribe link's path on this server: the public base URL is not this server. */
    private static URI link(MimeMessage m) {
        String url = EmailPatient.header(m, "List-Unsubscribe").replaceAll("[<>]", "");
        return parley.http(URI.create(url).getPath());
    }

    private static List<ConsentLedger.Entry> history(String address) {
        return parley.parley().services().consent().history("example-health", "email", address);
    }

    /** A notice said on the conversation now: it goes out unless the address opted out. */
    private static String noticeStatus(String conversationId, String id) {
        ConversationService conversations = parley.parley().services().conversations();
        List<Message> said = conversations.notify(conversationId, new ConversationService.Notice(
                id, List.of(new Reply("menu.prompt", Map.of(), List.of())), Optional.empty()));
        parley.parley().email().sender().drain();
        return String.valueOf(conversations.deliveries(conversationId).get(said.get(0).seq())
                .get("status"));
    }

    @Test
    void aOneClickUnsubscribeIsRecordedLikeAStopAndStopsTheMail() {
        EmailPatient alex = email.patient("one.click@example.test");
        alex.write("Bill", "What do I owe?");
        MimeMessage ours = alex.next();
        String conversationId = email.conversationOf(ours);

        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(link(ours))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<p>You&apos;re unsubscribed. Example Health will "
                + "send no more automated emails to this address. To receive them again, reply "
                + "START to any of our emails.</p>"), response.body());
        List<ConsentLedger.Entry> entries = history("one.click@example.test");
        assertEquals(1, entries.size());
        assertEquals("opt_out unsubscribe_link " + conversationId, entries.get(0).action() + " "
                + entries.get(0).how() + " " + entries.get(0).conversationId().orElseThrow());
        assertEquals("suppressed", noticeStatus(conversationId, "after-unsubscribe"));
        assertEquals(List.of(), mail.pending(alex.address()));
    }

    @Test
    void theVisibleLinkShowsAPageInThePatientsLanguageWithOneButton() {
        EmailPatient lucia = email.patient("lucia.hernandez@example.test");
        lucia.write("Factura", "Hola, ¿cuánto debo?");
        MimeMessage ours = lucia.next();

        HttpResponse<String> page = parley.send(HttpRequest.newBuilder(link(ours)).GET().build());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<p>¿Dejar de recibir correos de Example Health en esta "
                + "dirección?</p><form method=\"post\"><button type=\"submit\" "), page.body());
        assertTrue(page.body().contains(">Darme de baja</button>"), page.body());
        assertEquals(List.of(), history("lucia.hernandez@example.test"));
    }

    @Test
    void headOnTheLinkAnswersLikeGetWithoutABodyAndUnsubscribesNobody() {
        EmailPatient checker = email.patient("link.checker@example.test");
        checker.write("Bill", "What do I owe?");
        MimeMessage ours = checker.next();

        HttpResponse<String> valid = parley.send(HttpRequest.newBuilder(link(ours))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> invalid = parley.send(HttpRequest.newBuilder(parley.http(
                "/email/unsubscribe/u" + "b".repeat(42))).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, valid.statusCode());
        assertEquals("", valid.body());
        assertEquals(404, invalid.statusCode());
        assertEquals(List.of(), history("link.checker@example.test"));
    }

    @Test
    void aLinkThatIsNotOursChangesNothing() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(parley.http(
                "/email/unsubscribe/u" + "a".repeat(42))).POST(HttpRequest.BodyPublishers
                .noBody()).build());

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("This unsubscribe link is not valid."));
    }

    @Test
    void stopWrittenInAReplyOptsOutWithOneConfirmationAndNoOptOutLinkInIt() {
        EmailPatient sam = email.patient("stop.reply@example.test");
        sam.write("Bill", "What do I owe?");
        MimeMessage ours = sam.next();
        String conversationId = email.conversationOf(ours);

        sam.reply("STOP");
        MimeMessage confirmation = sam.receives("You're unsubscribed from Example Health emails "
                + "at this address and will get no more. Reply START to resubscribe.");

        assertEquals(null, EmailPatient.header(confirmation, "List-Unsubscribe"));
        assertEquals("opt_out keyword", history("stop.reply@example.test").get(0).action() + " "
                + history("stop.reply@example.test").get(0).how());
        assertEquals("suppressed", noticeStatus(conversationId, "after-stop"));

        HttpResponse<String> later = sam.deliver(sam.raw(MailServer.CLIENT_ADDRESS, "Bill",
                "stop-reply-later@example.test", EmailPatient.thread(ours), "What do I owe?"));
        assertEquals("{\"status\":\"opted_out\",\"conversationId\":\"" + conversationId
                + "\"}", later.body());
        email.noMoreMailTo(sam);
    }

    @Test
    void aRequestToStopInWordsByEmailIsConfirmedOnceAndNothingAfterIt() {
        EmailPatient kim = email.patient("stop.words@example.test");
        kim.write("Bill", "What do I owe?");
        kim.next();

        kim.reply("Please stop sending me messages.");
        kim.receives("You're unsubscribed from Example Health emails at this address and will "
                + "get no more. Reply START to resubscribe.");
        kim.reply("STOP");

        email.noMoreMailTo(kim);
        assertEquals(List.of("request_in_words", "keyword"),
                history("stop.words@example.test").stream().map(ConsentLedger.Entry::how)
                        .toList());
    }

    @Test
    void helpByEmailIsAnsweredInEmailWordsWithoutMessageRates() {
        EmailPatient helpme = email.patient("help.words@example.test");

        helpme.write("Help", "HELP");

        helpme.receives("Example Health billing: reply to this email with your question, or "
                + "call (555) 010-0199 to reach a person. Reply STOP to stop these emails.");
    }
}
