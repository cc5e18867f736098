package org.parley.financing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Approved financing over web chat with the demo's two synthetic partners ($200 to $10,000 with
 * terms in English and Spanish; $1,000 to $25,000 in English only): what is offered for which
 * balance, the disclosure, the choice and its record.
 */
class FinancingWebChatTest {

    private static final String PATIENT_FINANCE_EN = "0% APR if paid in full within 12 months; "
            + "otherwise 26.99% APR from the date of service. Subject to credit approval by "
            + "Example Patient Finance, not Example Health.";
    private static final String CARE_LENDING_EN = "Fixed monthly payments over 24 to 60 months at "
            + "9.99% to 17.99% APR. Subject to credit approval by Example Care Lending.";

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
    void everyFittingPartnerIsOfferedWithItsTermsAndTheChoiceIsRecorded() {
        try (ChatClient chat = opened("en")) {
            chat.say("can I finance this?");
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                    + "code.");

            chat.say("03/14/1985 Rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Example Health has approved these financing partners for a balance of "
                    + "$1,234.50. Each is a separate company with its own terms:");
            chat.bot("1. Example Patient Finance: " + PATIENT_FINANCE_EN);
            chat.bot("2. Example Care Lending: " + CARE_LENDING_EN);
            chat.bot("Reply with the number of the partner you'd like to apply with, or \"no\" if "
                    + "you'd rather not.");

            chat.say("the second one");
            chat.bot("Here is the link to apply with Example Care Lending: "
                    + "https://lending.example.test/apply?amount=1234.50 Your application goes to "
                    + "Example Care Lending, which decides on it and tells you the result.");
            chat.bot("Is there anything else I can help you with?");

            FinancingOffers.Offer offer = onlyOffer(chat);
            assertEquals(List.of("Example Patient Finance", "Example Care Lending"),
                    offer.offered().stream().map(FinancingOffers.Offered::name).toList());
            assertEquals(Optional.of("Example Care Lending"), offer.chosen());
            assertEquals(Optional.of(TestParley.NOW), offer.chosenAt());
            assertEquals(TestParley.NOW, offer.offeredAt());
            assertEquals(new BigDecimal("1234.50"), offer.balance());
            assertEquals("EH100234", offer.accountNumber());
        }
    }

    @Test
    void spanishPatientReadsTheTermsInSpanishAndIsToldWhenOnlyEnglishExists() {
        try (ChatClient chat = opened("es")) {
            chat.say("¿tienen financiamiento?");
            chat.nextMessage();
            chat.say("EH100587 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            chat.bot("Example Health ha aprobado estas empresas de financiamiento para un saldo de "
                    + "$3,240.00. Cada una es una empresa independiente con sus propias "
                    + "condiciones:");
            chat.bot("1. Example Patient Finance: 0% de interés (APR) si paga el total en 12 "
                    + "meses; si no, 26.99% APR desde la fecha del servicio. Sujeto a la "
                    + "aprobación de crédito de Example Patient Finance, no de Example Health.");
            chat.bot("2. Example Care Lending: " + CARE_LENDING_EN + " (Estas condiciones solo "
                    + "están disponibles en inglés.) La solicitud está en inglés.");
            chat.bot("Responda con el número de la empresa con la que desea solicitar, o \"no\" si "
                    + "prefiere no hacerlo.");

            chat.say("Example Patient Finance");
            chat.bot("Aquí tiene el enlace para solicitar con Example Patient Finance: "
                    + "https://apply.patient-finance.example.test/start?account=EH100587"
                    + "&amount=3240.00 "
                    + "Su solicitud va a Example Patient Finance, que decide sobre ella y le "
                    + "comunicará el resultado.");

            FinancingOffers.Offer offer = onlyOffer(chat);
            assertEquals(List.of(new FinancingOffers.Offered("Example Patient Finance", "es",
                            "https://apply.patient-finance.example.test/start?account={account}"
                                    + "&amount={amount}"),
                    new FinancingOffers.Offered("Example Care Lending", "en",
                            "https://lending.example.test/apply?amount={amount}")),
                    offer.offered());
            assertEquals(Optional.of("Example Patient Finance"), offer.chosen());
        }
    }

    @Test
    void whenNoPartnerFitsThePatientIsToldAndOfferedAPlanOrAPerson() throws Exception {
        try (ChatClient chat = opened("en")) {
            chat.say("do you have financing");
            chat.nextMessage();
            chat.say("12/11/1958 Brooks");
            chat.bot("Thank you, Taylor. I've confirmed your identity.");
            JsonNode none = chat.bot("None of the financing partners Example Health has approved "
                    + "covers a balance of $78.75. I can help you with a payment plan instead, or "
                    + "connect you with a person.");
            assertEquals("[{\"label\":\"Payment plan\",\"value\":\"Payment plan\"},"
                    + "{\"label\":\"Talk to a person\",\"value\":\"Talk to a person\"}]",
                    Json.write(none.get("options")));

            chat.say("Talk to a person");
            chat.bot("I've asked a person from Example Health to join this conversation. They will "
                    + "reach out here shortly, or you can call (555) 010-0199.");

            FinancingOffers.Offer offer = onlyOffer(chat);
            assertEquals(List.of(), offer.offered());
            assertEquals(new BigDecimal("78.75"), offer.balance());
            assertEquals(Optional.empty(), offer.chosen());
        }
    }

    @Test
    void onlyThePartnersWhoseRangeFitsTheBalanceAreOffered() {
        String path = "/api/clients/example-health/settings/financing";
        String demo = parley.api("GET", path, null, null).body();
        String partners = "{\"partners\":["
                + partner("Small Balance Finance", "200.00", "1000.00")
                + "," + partner("Mid Balance Finance", "1000.00", "5000.00")
                + "," + partner("Large Balance Finance", "5000.01", "50000.00") + "]}";
        assertEquals(200, parley.api("PUT", path, "application/json", partners).statusCode());
        try (ChatClient chat = verified()) {
            chat.say("financing options");
            chat.bot("Example Health has approved this financing partner for a balance of "
                    + "$1,234.50. Each is a separate company with its own terms:");
            chat.bot("1. Mid Balance Finance: Terms of Mid Balance Finance.");
            chat.bot("Reply with the number of the partner you'd like to apply with, or \"no\" if "
                    + "you'd rather not.");

            chat.say("no");
            chat.bot("All right. You can ask about financing again at any time.");
            chat.bot("Is there anything else I can help you with?");

            FinancingOffers.Offer offer = onlyOffer(chat);
            assertEquals(List.of("Mid Balance Finance"),
                    offer.offered().stream().map(FinancingOffers.Offered::name).toList());
            assertEquals(Optional.empty(), offer.chosen());
        } finally {
            parley.api("PUT", path, "application/json", demo);
        }
    }

    @Test
    void anAnswerThatNamesNoPartnerIsAskedAgain() {
        try (ChatClient chat = verified()) {
            chat.say("is financing available?");
            for (int i = 0; i < 4; i++) {
                chat.nextMessage();
            }

            chat.say("7");
            chat.bot("Please reply with the number of a partner from the list above, or \"no\".");
            chat.say("1");
            chat.bot("Here is the link to apply with Example Patient Finance: "
                    + "https://apply.patient-finance.example.test/start?account=EH100234"
                    + "&amount=1234.50 "
                    + "Your application goes to Example Patient Finance, which decides on it and "
                    + "tells you the result.");
        }
    }

    @Test
    void financingIsReachableWhileAnotherQuestionIsOpen() {
        try (ChatClient chat = verified()) {
            chat.say("I want to pay");
            chat.bot("How much would you like to pay today? Your balance is $1,234.50. You can pay "
                    + "all of it or part.");

            chat.say("actually, can I finance this instead?");
            chat.bot("Example Health has approved these financing partners for a balance of "
                    + "$1,234.50. Each is a separate company with its own terms:");
        }
    }

    private static String partner(String name, String min, String max) {
        return "{\"name\":\"" + name + "\",\"minAmount\":\"" + min + "\",\"maxAmount\":\"" + max
                + "\",\"terms\":{\"en\":\"Terms of " + name + ".\"},\"applyUrl\":"
                + "\"https://apply.example.test/" + name.replace(' ', '-') + "?a={amount}\","
                + "\"languages\":[\"en\"]}";
    }

    private static FinancingOffers.Offer onlyOffer(ChatClient chat) {
        List<FinancingOffers.Offer> offers = parley.parley().services().financing().offers()
                .forConversation(chat.conversationId());
        assertEquals(1, offers.size(), offers.toString());
        assertEquals(chat.conversationId(), offers.get(0).conversationId());
        return offers.get(0);
    }

    private static ChatClient opened(String locale) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    private static ChatClient verified() {
        ChatClient chat = opened("en");
        chat.say("what do I owe");
        chat.nextMessage();
        chat.say("03/14/1985 Rivera");
        for (int i = 0; i < 6; i++) {
            chat.nextMessage();
        }
        return chat;
    }
}
