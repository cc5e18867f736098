package org.parley.channel.email;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Message;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;
import org.parley.web.Json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mail far larger than any patient writes is taken with bounded work: the text stored is at
 * most 2,000 characters, as on the web chat; a subject is kept to 200 characters; a References
 * header of thousands of ids is read at its ends only, where a thread's ids are.
 */
class EmailLargeMailTest extends EmailCase {

    @BeforeAll
    static void start() {
        startEmail(Map.of());
    }

    private static String conversationOf(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body()).get("conversationId").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static Message firstFromPatient(String conversationId) {
        return email.conversations().messages(conversationId).stream()
                .filter(m -> m.from().equals("patient")).findFirst().orElseThrow();
    }

    @Test
    void aMegabyteBodyIsStoredAsItsFirst2000Characters() {
        EmailPatient long1 = email.patient("long.body@example.test");

        HttpResponse<String> response = long1.deliver(long1.raw(MailServer.CLIENT_ADDRESS,
                "Long", "long-1@example.test", List.of(), "word ".repeat(200_000)));

        String stored = firstFromPatient(conversationOf(response)).text();
        assertEquals(2_000, stored.length());
        assertEquals("word ".repeat(400), stored);
    }

    @Test
    void aReplyAboveAMegabyteOfQuotedHistoryIsStoredAlone() {
        EmailPatient quoter = email.patient("long.quote@example.test");

        HttpResponse<String> response = quoter.deliver(quoter.raw(MailServer.CLIENT_ADDRESS,
                "Bill", "long-2@example.test", List.of(), "What do I owe?\n\nOn Fri, Dec 4, "
                        + "2026 at 10:00 AM Example Health <" + MailServer.CLIENT_ADDRESS
                        + "> wrote:\n" + "> earlier words\n".repeat(60_000)));

        assertEquals("What do I owe?", firstFromPatient(conversationOf(response)).text());
    }

    @Test
    void aLongSubjectIsEchoedAsItsFirst200Characters() throws Exception {
        EmailPatient wordy = email.patient("long.subject@example.test");

        wordy.write("S".repeat(5_000), "What do I owe?");

        MimeMessage answer = wordy.next();
        assertEquals("Re: " + "S".repeat(200), answer.getSubject());
    }

    @Test
    void aReplyWithThousandsOfReferencesFindsItsThreadByTheLastOnes() {
        EmailPatient chain = email.patient("long.references@example.test");
        HttpResponse<String> first = chain.deliver(chain.raw(MailServer.CLIENT_ADDRESS,
                "Balance", "long-4@example.test", List.of(), "What do I owe?"));
        MimeMessage answer = chain.next();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            references.add("old-" + i + "@mail.patient.test");
        }
        references.addAll(EmailPatient.thread(answer));

        // Sent to the plain mailbox, so that only the References can find the thread.
        String raw = chain.raw(MailServer.CLIENT_ADDRESS, "Re: Balance",
                "long-5@example.test", references, "03/14/1985 Rivera")
                .replaceFirst("In-Reply-To: [^\r]*\r\n", "");
        HttpResponse<String> reply = chain.deliver(raw);

        assertEquals(conversationOf(first), conversationOf(reply));
        assertEquals("03/14/1985 Rivera", email.conversations().messages(conversationOf(reply))
                .stream().filter(m -> m.from().equals("patient")).skip(1).findFirst()
                .orElseThrow().text());
    }
}
