package org.parley.payments;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.audit.AuditLog;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paying now over web chat, in English and Spanish, against the demo's sandbox payment page:
 * the amount in the first message or asked for, refusals, all of it, a typed card number.
 */
class PayNowWebChatTest {

    private static final Instant EXPIRES = TestParley.NOW.plusSeconds(30 * 60);

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void amountInTheFirstMessageGetsASandboxLinkForItAfterVerification() {
        try (ChatClient chat = opened("en")) {
            chat.say("I can pay $200 today");
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                    + "code.");

            chat.say("03/14/1985 Rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            String link = linkIn(chat.nextMessage(), "Here is your secure payment link for "
                    + "$200.00: ", " It works once and expires in 30 minutes.");
            chat.bot("Is there anything else I can help you with?");

            assertTrue(link.startsWith("http://localhost:" + parley.parley().port() + "/pay/"),
                    link);
            assertEquals(new PaymentLink(Links.check(parley, link).linkId(), "example-health",
                    "EH100234", new BigDecimal("200.00"), chat.conversationId(), EXPIRES),
                    Links.check(parley, link));
            HttpResponse<String> page = Links.open(parley, link);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Amount: <strong>USD 200.00</strong>"), page.body());
        }
    }

    @Test
    void patientWhoNamesNoAmountIsAskedAndMayPayAllOfIt() {
        try (ChatClient chat = verified("en")) {
            chat.say("I want to pay");
            chat.bot("How much would you like to pay today? Your balance is $1,234.50. You can pay "
                    + "all of it or part.");

            chat.say("all of it");
            String link = linkIn(chat.nextMessage(), "Here is your secure payment link for "
                    + "$1,234.50: ", " It works once and expires in 30 minutes.");
            chat.bot("Is there anything else I can help you with?");

            assertEquals(new BigDecimal("1234.50"), Links.check(parley, link).amount());
            assertEquals(200, Links.open(parley, link).statusCode());
        }
    }

    @Test
    void moreThanTheBalanceZeroAndNegativeAreRefusedAndAskedAgain() {
        try (ChatClient chat = verified("en")) {
            chat.say("pay my bill");
            chat.bot("How much would you like to pay today? Your balance is $1,234.50. You can pay "
                    + "all of it or part.");

            chat.say("$1,500");
            chat.bot("That's more than your balance of $1,234.50. Please send an amount up to "
                    + "$1,234.50, or say \"all of it\".");
            chat.say("0");
            chat.bot("The amount needs to be more than zero. How much would you like to pay "
                    + "today?");
            chat.say("-50");
            chat.bot("The amount can't be negative. How much would you like to pay today?");
            chat.say("hmm");
            chat.bot("Please send the amount you'd like to pay, for example 200, or say \"all of "
                    + "it\".");

            chat.say("1234.50");
            String link = linkIn(chat.nextMessage(), "Here is your secure payment link for "
                    + "$1,234.50: ", " It works once and expires in 30 minutes.");
            assertEquals(new BigDecimal("1234.50"), Links.check(parley, link).amount());
        }
    }

    @Test
    void moreThanTheBalanceInTheFirstMessageIsRefusedAndAskedAgain() {
        try (ChatClient chat = verified("en")) {
            chat.say("I'd like to pay $5,000 now");
            chat.bot("That's more than your balance of $1,234.50. Please send an amount up to "
                    + "$1,234.50, or say \"all of it\".");

            chat.say("75.25");
            String link = linkIn(chat.nextMessage(), "Here is your secure payment link for "
                    + "$75.25: ", " It works once and expires in 30 minutes.");
            assertEquals(new BigDecimal("75.25"), Links.check(parley, link).amount());
        }
    }

    @Test
    void spanishPatientNamesTheAmountFirstAndGetsTheLinkInSpanish() {
        try (ChatClient chat = opened("es")) {
            chat.say("Puedo pagar 200 dólares hoy");
            chat.bot("Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su "
                    + "apellido (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su "
                    + "código postal.");

            chat.say("EH100587 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            String link = linkIn(chat.nextMessage(), "Aquí tiene su enlace de pago seguro por "
                    + "$200.00: ", " Funciona una sola vez y vence en 30 minutos.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            assertEquals(new BigDecimal("200.00"), Links.check(parley, link).amount());
            assertEquals("EH100587", Links.check(parley, link).accountNumber());
        }
    }

    @Test
    void spanishPatientIsAskedRefusedAboveTheBalanceAndPaysTodo() {
        try (ChatClient chat = verified("es")) {
            chat.say("quiero pagar");
            chat.bot("¿Cuánto desea pagar hoy? Su saldo es de $3,240.00. Puede pagarlo todo o "
                    + "una parte.");

            chat.say("5000");
            chat.bot("Esa cantidad es mayor que su saldo de $3,240.00. Envíe una cantidad de "
                    + "hasta $3,240.00, o diga \"todo\".");

            chat.say("todo");
            String link = linkIn(chat.nextMessage(), "Aquí tiene su enlace de pago seguro por "
                    + "$3,240.00: ", " Funciona una sola vez y vence en 30 minutos.");
            assertEquals(new BigDecimal("3240.00"), Links.check(parley, link).amount());
            assertEquals(200, Links.open(parley, link).statusCode());
        }
    }

    @Test
    void aCardNumberTypedInThePayFlowIsMaskedInTheTranscriptAndAnsweredWithTheLink()
            throws Exception {
        try (ChatClient chat = verified("en")) {
            chat.say("I want to pay");
            chat.nextMessage();

            long seq = chat.say("card", "my card is 4242 4242 4242 4242 exp 12/29");
            chat.bot("For your security, please don't send card numbers here. I've hidden it from "
                    + "this conversation.");
            String link = linkIn(chat.nextMessage(), "You can pay safely on the secure payment "
                    + "page instead. Here is a link for your full balance of $1,234.50: ",
                    " It works once and expires in 30 minutes. To pay a different amount, tell me "
                            + "how much, for example \"pay 200\".");
            chat.bot("Is there anything else I can help you with?");

            JsonNode transcript = Json.MAPPER.readTree(parley.api("GET", "/api/conversations/"
                    + chat.conversationId(), null, null).body());
            JsonNode typed = transcript.get("messages").get((int) seq - 1);
            assertEquals("my card is ************4242 exp **/**", typed.get("text").asText());
            assertFalse(transcript.toString().contains("4242 4242 4242 4242"));
            assertFalse(transcript.toString().contains("4242424242424242"));
            assertEquals(new BigDecimal("1234.50"), Links.check(parley, link).amount());
        }
    }

    @Test
    void aLineOfCreditIsTakenOnThePaymentPageAndThePatientIsToldSo() {
        try (ChatClient chat = verified("en")) {
            chat.say("can I pay $300 with my CareCredit?");
            chat.bot("You can pay with a line of credit such as CareCredit on the secure payment "
                    + "page of Example Health: choose it there when you pay.");
            String link = linkIn(chat.nextMessage(), "Here is your secure payment link for "
                    + "$300.00: ", " It works once and expires in 30 minutes.");

            assertEquals(new BigDecimal("300.00"), Links.check(parley, link).amount());
        }
    }

    @Test
    void aLineOfCreditWithoutAnAmountIsExplainedThenTheAmountAsked() {
        try (ChatClient chat = verified("en")) {
            chat.say("I want to pay with my line of credit");
            chat.bot("You can pay with a line of credit such as CareCredit on the secure payment "
                    + "page of Example Health: choose it there when you pay.");
            chat.bot("How much would you like to pay today? Your balance is $1,234.50. You can pay "
                    + "all of it or part.");

            chat.say("pay it all");
            String link = linkIn(chat.nextMessage(), "Here is your secure payment link for "
                    + "$1,234.50: ", " It works once and expires in 30 minutes.");
            assertEquals(new BigDecimal("1234.50"), Links.check(parley, link).amount());
        }
    }

    @Test
    void everyLinkIsAudited() {
        try (ChatClient chat = verified("en")) {
            chat.say("pay $10 now");
            chat.nextMessage();

            assertTrue(parley.parley().services().audit().forConversation(chat.conversationId())
                    .stream().map(AuditLog.Entry::event).toList().contains("payment_link_issued"));
        }
    }

    /** The message's text, which must be {@code before}, a link, then {@code after}. */
    private static String linkIn(JsonNode message, String before, String after) {
        String text = message.get("text").asText();
        String link = Links.in(text);
        assertEquals("bot: " + before + link + after, message.get("from").asText() + ": "
                + text);
        return link;
    }

    private static ChatClient opened(String locale) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    private static ChatClient verified(String locale) {
        ChatClient chat = opened(locale);
        chat.say(locale.equals("es") ? "¿cuánto debo?" : "what do I owe");
        chat.nextMessage();
        chat.say(locale.equals("es") ? "EH100587 30318" : "03/14/1985 Rivera");
        JsonNode m = chat.nextMessage();
        while (!m.get("text").asText().equals(locale.equals("es")
                ? "¿Hay algo más en lo que pueda ayudarle?"
                : "Is there anything else I can help you with?")) {
            m = chat.nextMessage();
        }
        return chat;
    }
}
