package org.parley.conversation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.dialog.Reply;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Notices said outside a patient's turn (receipts, reminders) reach the conversation in which
 * the patient proved who they are, on its own channel, once.
 */
class NoticeTest extends SmsCase {

    @BeforeAll
    static void start() {
        startSms();
    }

    private static ConversationService conversations() {
        return parley.parley().services().conversations();
    }

    private static ConversationService.Notice notice(String id) {
        return new ConversationService.Notice(id,
                List.of(new Reply("handoff.requested", Map.of(), List.of())), Optional.empty());
    }

    @Test
    void aNoticeReachesAnOpenWebChatInItsLanguageOnceAndStaysInTheTranscript() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.bot("Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con "
                    + "su factura.");
            chat.bot("¿Qué desea hacer?");
            chat.say("Ver mi saldo");
            chat.nextMessage();
            chat.say("mi cuenta es EH100587 y el código postal 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            while (!chat.nextMessage().get("text").asText().startsWith("¿Hay algo más")) {
                // the balance, read through to the question that ends the turn
            }
            long before = chat.lastSeq();

            Conversation verified = conversations().latestVerified("example-health", "EH100587")
                    .orElseThrow();
            List<Message> first = conversations().notify(verified.id(), notice("receipt-1"));
            List<Message> again = conversations().notify(verified.id(), notice("receipt-1"));

            assertEquals(chat.conversationId(), verified.id());
            assertEquals(1, first.size());
            assertEquals(List.of(), again);
            String expected = "Le pedí a una persona de Example Health que se una a esta "
                    + "conversación. Se comunicará aquí en breve, o puede llamar al (555) 010-0199.";
            assertEquals(expected, chat.nextMessage().get("text").asText());
            assertEquals(before + 1, chat.lastSeq());
            assertEquals(expected, conversations().messages(verified.id()).getLast().text());
        }
    }

    @Test
    void aNoticeOnAnSmsConversationIsTextedToThePatientsPhone() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");
        phone.text("What do I owe?");
        phone.next();
        phone.text("03/14/1985 Rivera");
        phone.next();
        Conversation verified = conversations().latestVerified("example-health", "EH100234")
                .orElseThrow();

        conversations().notify(verified.id(), notice("receipt-2"));

        assertEquals("sms", verified.channel());
        phone.reply("I've asked a person from Example Health to join this conversation. They will "
                + "reach out here shortly, or you can call (555) 010-0199.");
    }

    @Test
    void noConversationIsFoundForAnAccountNobodyVerified() {
        assertEquals(Optional.empty(), conversations().latestVerified("example-health", "EH999999"));
    }
}
