package org.parley.payments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link from "I can pay $200 today" paid on the demo's sandbox page: it works once, and the
 * patient's chat gets the receipt. Each test has its own Parley, since paying lowers the balance.
 */
class PayThroughTheLinkTest {

    @TempDir
    Path data;
    private TestParley parley;

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void theLinkPaysOnceAndThePatientGetsTheReceiptInTheChat() {
        parley = TestParley.start(data);
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("I can pay $200 today");
            chat.nextMessage();
            chat.say("03/14/1985 Rivera");
            chat.nextMessage();
            String link = Links.in(chat.nextMessage().get("text").asText());
            chat.nextMessage();

            assertEquals(200, Links.open(parley, link).statusCode());
            assertEquals(200, Links.pay(parley, link, "4242+4242+4242+4242").statusCode());
            chat.bot("Thank you! We received your payment of $200.00 on December 4, 2026. Your "
                    + "balance with Example Health is now $1,034.50.");

            assertEquals(409, Links.pay(parley, link, "4242424242424242").statusCode());
            assertEquals(409, Links.open(parley, link).statusCode());
            chat.say("I want to pay");
            chat.bot("How much would you like to pay today? Your balance is $1,034.50. You can pay "
                    + "all of it or part.");
            assertTrue(chat.quiet());
        }
    }

    @Test
    void aSpanishPatientPaysEverythingAndIsThankedInSpanish() {
        parley = TestParley.start(data);
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("quiero pagar todo");
            chat.nextMessage();
            chat.say("EH100587 30318");
            chat.nextMessage();
            String link = Links.in(chat.nextMessage().get("text").asText());
            chat.nextMessage();

            assertEquals(200, Links.pay(parley, link, "4111111111111111").statusCode());
            chat.bot("¡Gracias! Recibimos su pago de $3,240.00 el 4 de diciembre de 2026. Su saldo "
                    + "con Example Health ahora es de $0.00.");
        }
    }
}
