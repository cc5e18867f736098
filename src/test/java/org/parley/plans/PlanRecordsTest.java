package org.parley.plans;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What is recorded of a plan: the language of the terms as they were shown, whatever the
 * language of the yes, and each change as named fields in the plans API.
 */
class PlanRecordsTest {

    private static final String CLIENT = PlanPatients.CLIENT;

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        PlanPatients.english(parley, "EH990001", "", "EH990002", "");
        PlanPatients.english(parley, "EH990003", "");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void termsShownInEnglishAreStoredAsEnglishWhenThePatientSwitchesToSpanishBeforeYes() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH990001 30301")) {
            chat.say("2");
            chat.bot("Here are the terms of your plan: 6 payments of $205.75 a month, $1,234.50 in "
                    + "all. The first is due January 3, 2027 and the last June 3, 2027.");
            chat.nextMessage();

            chat.say("español");
            chat.nextMessage();
            chat.bot("¿Acepta estas condiciones? Responda SÍ para aceptar, o NO para ver los otros "
                    + "planes.");
            chat.say("sí");
            chat.bot("Gracias, su plan de pagos quedó establecido. Su primer pago, de $205.75, "
                    + "vence el 3 de enero de 2027.");

            ShownTerms terms = parley.parley().services().plans().active(CLIENT, "EH990001")
                    .orElseThrow().current().terms();
            assertEquals("en", terms.language());
        }
    }

    @Test
    void thePlansApiShowsEachChangeAsATypeAndItsValue() throws Exception {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH990002 30301")) {
            PlanChats.agree(chat, "3", "yes");
            for (String change : List.of("skip this month's payment",
                    "move my payment to the 15th", "can I pay $200 a month instead",
                    "make it 6 months")) {
                chat.say(change);
                String text = chat.nextMessage().get("text").asText();
                while (!text.startsWith("Do you agree")) {
                    text = chat.nextMessage().get("text").asText();
                }
                chat.say("yes");
                chat.nextMessage();
                chat.nextMessage();
            }
        }

        JsonNode plans = Json.MAPPER.readTree(parley.api("GET", "/api/clients/" + CLIENT
                + "/accounts/EH990002/plans", null, null).body());
        List<String> changes = new ArrayList<>();
        plans.get("plans").get(0).get("versions").forEach(v -> changes.add(
                v.has("change") ? v.get("change").toString() : "(none)"));
        assertEquals(List.of("(none)",
                "{\"type\":\"skip\"}",
                "{\"type\":\"move_day\",\"dayOfMonth\":15}",
                "{\"type\":\"new_amount\",\"installment\":\"200.00\"}",
                "{\"type\":\"new_term\",\"installments\":6}"), changes);
    }

    @Test
    void aSkipInALaterConversationLeavesTheVersionsBeforeItAsTheyWereAgreed() throws Exception {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH990003 30301")) {
            PlanChats.agree(chat, "1", "yes");
        }
        for (String change : List.of("move my payment to the 15th",
                "can I pay $200 a month instead", "skip this month's payment")) {
            try (ChatClient chat = parley.chat()) {
                chat.start("en");
                chat.nextMessage();
                chat.nextMessage();
                chat.say(change);
                chat.nextMessage();
                chat.say("EH990003 30301");
                String text = chat.nextMessage().get("text").asText();
                while (!text.startsWith("Do you agree")) {
                    text = chat.nextMessage().get("text").asText();
                }
                chat.say("yes");
                chat.nextMessage();
            }
        }

        JsonNode plans = Json.MAPPER.readTree(parley.api("GET", "/api/clients/" + CLIENT
                + "/accounts/EH990003/plans", null, null).body());
        List<String> versions = new ArrayList<>();
        plans.get("plans").get(0).get("versions").forEach(v -> {
            List<String> installments = new ArrayList<>();
            v.get("installments").forEach(i -> installments.add(i.get("due").asText() + " "
                    + i.get("amount").asText() + " " + i.get("state").asText()));
            versions.add(v.get("number").asInt() + ": " + String.join(", ", installments)
                    + (v.has("skipped") ? " (skipped " + v.get("skipped").get("due").asText()
                    + " " + v.get("skipped").get("state").asText() + ")" : ""));
        });
        assertEquals(List.of(
                "1: 2027-01-03 411.50 due, 2027-02-03 411.50 due, 2027-03-03 411.50 due",
                "2: 2027-01-15 411.50 due, 2027-02-15 411.50 due, 2027-03-15 411.50 due",
                "3: 2027-01-15 176.35 due, 2027-02-15 176.35 due, 2027-03-15 176.35 due, "
                        + "2027-04-15 176.35 due, 2027-05-15 176.35 due, 2027-06-15 176.35 due, "
                        + "2027-07-15 176.40 due",
                "4: 2027-02-15 176.35 due, 2027-03-15 176.35 due, 2027-04-15 176.35 due, "
                        + "2027-05-15 176.35 due, 2027-06-15 176.35 due, 2027-07-15 176.35 due, "
                        + "2027-08-15 176.40 due (skipped 2027-01-15 skipped)"), versions);
    }
}
