package org.parley.channel.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.audit.AuditLog;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole web chat conversations over a real WebSocket against a real server, read like
 * transcripts. The demo client's synthetic patients are seeded from its balance file.
 */
class WebChatConversationTest {

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
    void englishPatientVerifiesWithBirthDateAndNameAndReadsTheirBalance() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.bot("Hi, this is the billing assistant for Example Health. I can help you with your bill.");
            JsonNode menu = chat.bot("What would you like to do?");
            assertEquals("[\"Check my balance\",\"Pay my bill\",\"Payment plan\","
                    + "\"Financial assistance\",\"Talk to a person\"]", labels(menu));

            chat.say("what do I owe?");
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");

            chat.say("3/14/85");
            chat.bot("Thanks. Now please send your last name.");

            chat.say("rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 (in 27 days).");
            chat.bot("September 2, 2026: Office visit with Dr. Lena Ortiz, $45.00");
            chat.bot("October 15, 2026: MRI, left knee with Northside Imaging, $1,189.50");
            chat.bot("Your last payment was $50.00 on November 2, 2026.");
            chat.bot("Is there anything else I can help you with?");
        }
    }

    @Test
    void spanishPatientVerifiesWithAccountAndZipInOneMessageAndReadsTheirBalance() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.bot("Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su factura.");
            chat.bot("¿Qué desea hacer?");

            chat.say("Ver mi saldo");
            chat.bot("Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su "
                    + "apellido (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su código postal.");

            chat.say("mi cuenta es EH100587 y el código postal 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            chat.bot("Su saldo es de $3,240.00 por 2 visitas. Vence el 15 de enero de 2027 (dentro de 42 días).");
            chat.bot("20 de agosto de 2026: Emergency visit con Example Health Emergency Department, $2,100.00");
            chat.bot("10 de septiembre de 2026: Cardiology stress test con Dr. Tomás Peña, $1,140.00");
            chat.bot("Todavía no tenemos pagos registrados.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");
        }
    }

    @Test
    void threeFailedVerificationsLockTheConversationAndAskForAPerson() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("check my balance");
            chat.nextMessage();
            chat.say("03/14/1985 Smith");
            chat.bot("That doesn't match our records. You have 2 more tries. Please send your date "
                    + "of birth and last name, or your account number and ZIP code.");
            chat.say("EH100234 99999");
            chat.bot("That doesn't match our records. You have 1 more try. Please send your date of "
                    + "birth and last name, or your account number and ZIP code.");
            chat.say("01/01/1990 Rivera");
            chat.bot("I couldn't confirm your identity, so I've stopped here to protect your "
                    + "account. A person from Example Health will follow up with you, or you can call "
                    + "(555) 010-0199.");
            chat.botTellsTheWait();

            // From then on the bot is silent: the message waits for the person.
            chat.say("03/14/1985 Rivera");
            var messages = parley.parley().services().conversations()
                    .messages(chat.conversationId());
            assertEquals("patient: 03/14/1985 Rivera", messages.getLast().from() + ": "
                    + messages.getLast().text());

            var conversation = parley.parley().services().conversations()
                    .find(chat.conversationId()).orElseThrow();
            assertEquals("needs_agent", conversation.status());
            assertEquals("verification_locked", conversation.dialog().agentReason().orElseThrow());
            assertEquals(false, conversation.dialog().verified());
        }
    }

    @Test
    void droppedConnectionResumesWithEveryMissedMessageOnceAndARetriedMessageIsNotStoredTwice() {
        String conversationId;
        String token;
        long seenBeforeDrop;
        try (ChatClient first = parley.chat()) {
            first.start("en");
            first.nextMessage();
            first.nextMessage();
            conversationId = first.conversationId();
            token = first.resumeToken();
            seenBeforeDrop = first.lastSeq();
            first.drop();
        }

        try (ChatClient second = parley.chat()) {
            second.resume(conversationId, token, seenBeforeDrop);
            long seq = second.say("retry-1", "check my balance");
            assertEquals(3, seq);
            JsonNode echo = second.next("message");
            assertEquals("patient: check my balance", echo.get("from").asText() + ": "
                    + echo.get("text").asText());
            second.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");

            // The page lost the ack and sends the same message again: same seq, nothing new.
            assertEquals(3, second.say("retry-1", "check my balance"));
        }

        try (ChatClient third = parley.chat()) {
            third.resume(conversationId, token, 0);
            List<String> replay = List.of(
                    "1 bot Hi, this is the billing assistant for Example Health. I can help you with your bill.",
                    "2 bot What would you like to do?",
                    "3 patient check my balance",
                    "4 bot First I need to confirm who you are. Please send your date of birth and last "
                            + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
            for (String expected : replay) {
                JsonNode m = third.next("message");
                assertEquals(expected, m.get("seq").asLong() + " " + m.get("from").asText() + " "
                        + m.get("text").asText());
            }
        }
        assertEquals(4, parley.parley().services().conversations().messages(conversationId).size());
    }

    @Test
    void everyBalanceShownIsAudited() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("balance");
            chat.nextMessage();
            chat.say("EH100234 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.nextMessage();

            List<AuditLog.Entry> entries = parley.parley().services().audit()
                    .forConversation(chat.conversationId());
            assertEquals(1, entries.size());
            AuditLog.Entry e = entries.get(0);
            assertEquals("balance_disclosed bot example-health EH100234 " + chat.conversationId()
                    + " " + TestParley.NOW, e.event() + " " + e.actor() + " " + e.clientId() + " "
                    + e.accountNumber() + " " + e.conversationId() + " " + e.at());
        }
    }

    @Test
    void languageHelpStartOverAndGibberishWorkInTheMiddleOfVerification() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("I want to know my balance");
            chat.nextMessage();
            chat.say("03/14/1985");
            chat.bot("Thanks. Now please send your last name.");

            chat.say("Español");
            chat.bot("De acuerdo, continuaré en español.");
            assertEquals("es", chat.language());
            chat.bot("Necesito su fecha de nacimiento y su apellido (por ejemplo: 14/03/1985 "
                    + "Rivera), o su número de cuenta y su código postal (por ejemplo: EH100234 30301).");

            chat.say("ayuda");
            chat.bot("Puedo mostrarle su saldo y ponerle en contacto con una persona de Example "
                    + "Health. Escriba \"empezar de nuevo\" en cualquier momento para volver al menú, "
                    + "o \"english\" para continuar en inglés. Para hablar con una persona, llame al "
                    + "(555) 010-0199.");
            chat.nextMessage();

            chat.say("Rivera");
            chat.bot("Gracias, Alex. Ya confirmé su identidad.");
            chat.bot("Su saldo es de $1,234.50 por 2 visitas. Vence el 31 de diciembre de 2026 (dentro de 27 días).");
            chat.nextMessage();
            chat.nextMessage();
            chat.nextMessage();
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            chat.say("qwerty zxcv");
            JsonNode reprompt = chat.bot("Perdón, no entendí. Puede escribir algo como \"cuánto "
                    + "debo\" o tocar una de las opciones.");
            assertEquals(5, reprompt.get("options").size());

            chat.say("Empezar de nuevo");
            chat.bot("¿Qué desea hacer?");
        }
    }

    @Test
    void aCardNumberTypedIntoTheChatIsMaskedBeforeItIsStored() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            long seq = chat.say("card-1", "can I pay with 4111 1111 1111 1111 ?");
            chat.bot("For your security, please don't send card numbers here. I've hidden it from "
                    + "this conversation.");
            chat.bot("What would you like to do?");

            var stored = parley.parley().services().conversations().messages(chat.conversationId());
            assertEquals("can I pay with ************1111 ?", stored.get((int) seq - 1).text());
        }
    }

    @Test
    void somethingParleyDoesNotDoGetsAHelpfulAnswerAndGoBackReturnsToThePreviousQuestion() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("can I book an appointment for next week?");
            chat.bot("I can only help with your bill from Example Health: your balance, paying, "
                    + "payment plans and financial assistance. For anything else, please call "
                    + "(555) 010-0199.");
            chat.bot("What would you like to do?");

            chat.say("check my balance");
            chat.nextMessage();
            chat.say("go back");
            chat.bot("What would you like to do?");

            chat.say("go back");
            chat.bot("There's no earlier question to go back to.");
            chat.bot("What would you like to do?");
        }
    }

    @Test
    void aPatientWhoChangesTheirMindDuringVerificationIsTakenWhereTheyNowWantToGo() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("what is my balance");
            chat.nextMessage();

            chat.say("actually I want to talk to a person");

            chat.bot("I've asked a person from Example Health to join this conversation. They will "
                    + "reach out here shortly, or you can call (555) 010-0199.");
            chat.botTellsTheWait();
        }
    }

    @Test
    void twoPatientsWithOneBirthDateAndLastNameAreToldApartBeforeAnyBalanceIsShown() {
        String header = "account_number,first_name,last_name,date_of_birth,zip,phone,email,"
                + "preferred_language,encounter_id,service_date,provider,description,charges,"
                + "insurance_paid,adjustments,patient_responsibility,due_date\n";
        var imported = parley.api("POST", "/api/clients/example-health/balances", "text/csv", header
                + "TW0001,Ann,Twin,2001-02-03,30307,,,en,TW-V-1,2026-10-01,Dr. Lena Ortiz,Visit,"
                + "100.00,50.00,0.00,50.00,2027-01-31\n"
                + "TW0002,Ben,Twin,2001-02-03,30307,,,en,TW-V-2,2026-10-02,Dr. Lena Ortiz,Visit,"
                + "1000.00,100.00,0.00,900.00,2027-01-31\n");
        assertEquals(200, imported.statusCode(), imported.body());

        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("balance");
            chat.nextMessage();

            chat.say("02/03/2001 Twin");
            chat.bot("More than one account matches that. Please send your account number and ZIP "
                    + "code instead, or your first name with your date of birth and last name.");

            chat.say("Ben Twin 02/03/2001");
            chat.bot("Thank you, Ben. I've confirmed your identity.");
            chat.bot("Your balance is $900.00 for 1 visit. It is due by January 31, 2027 (in 58 days).");
        }
    }

    @Test
    void anOptionIsPickedByItsPositionInWords() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("la quinta");

            chat.bot("Le pedí a una persona de Example Health que se una a esta conversación. Se "
                    + "comunicará aquí en breve, o puede llamar al (555) 010-0199.");
        }
    }

    @Test
    void goBackAfterVerifyingReturnsToTheMenuNotToTheIdentityQuestions() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("balance");
            chat.nextMessage();
            chat.say("EH100234 30301");
            for (int i = 0; i < 6; i++) {
                chat.nextMessage();
            }

            chat.say("go back");

            chat.bot("What would you like to do?");
        }
    }

    private static String labels(JsonNode message) {
        StringBuilder out = new StringBuilder("[");
        for (JsonNode o : message.get("options")) {
            out.append(out.length() > 1 ? "," : "").append('"').append(o.get("label").asText()).append('"');
        }
        return out.append(']').toString();
    }
}
