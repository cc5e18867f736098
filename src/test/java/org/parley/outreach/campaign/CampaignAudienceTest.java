package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.plans.Agreement;
import org.parley.plans.Frequency;
import org.parley.plans.Plan;
import org.parley.plans.PlanCalculator;
import org.parley.plans.PlanRules;
import org.parley.plans.PlanStore;
import org.parley.plans.ShownTerms;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;
import static org.parley.outreach.campaign.CampaignFixture.CLIENT;

/**
 * Each audience rule, over the demo client's accounts (balances: EH100234 1,234.50, EH100587
 * 3,240.00, EH100611 85.00, EH100612 62.40, EH100702 0.00, EH100845 78.75), takes in the
 * accounts that match it and leaves out the others.
 */
class CampaignAudienceTest extends CampaignCase {

    /** The accounts a campaign with {@code audience} would reach now. */
    private List<String> audience(String audience) {
        LocalDate tomorrow = f.clock.instant().atZone(java.time.ZoneId.of("America/New_York"))
                .toLocalDate().plusDays(1);
        String id = f.create("""
                {"name": "Audience", "audience": %s,
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"}],
                 "start": "%s", "end": "%s"}""".formatted(audience, tomorrow,
                tomorrow.plusDays(10)));
        JsonNode preview = CampaignFixture.json(f.get(BASE + "/" + id + "/audience"));
        List<String> accounts = new ArrayList<>();
        preview.get("accounts").forEach(a -> accounts.add(a.asText()));
        assertEquals(accounts.size(), preview.get("count").asInt());
        return accounts;
    }

    @Test
    void aBalanceRangeIncludesBothBoundsExactly() {
        assertEquals(List.of("EH100234", "EH100611"),
                audience("{\"balance\": {\"min\": \"85.00\", \"max\": \"1234.50\"}}"));
        assertEquals(List.of("EH100234"),
                audience("{\"balance\": {\"min\": \"85.01\", \"max\": \"1234.50\"}}"));
        assertEquals(List.of("EH100611"),
                audience("{\"balance\": {\"min\": \"85\", \"max\": \"1234.49\"}}"));
    }

    @Test
    void daysSinceTheFirstStatementCountFromTheFirstImportInTheClientsZone() {
        f.clock.advance(Duration.ofDays(30));
        f.parley.parley().services().balances().importCsv(CLIENT, (String.join(",",
                "account_number,first_name,last_name,date_of_birth,zip,phone,email",
                "preferred_language,encounter_id,service_date,provider,description,charges",
                "insurance_paid,adjustments,patient_responsibility,due_date\n")
                + "EH200001,Sam,Ortiz,1990-01-01,30301,+14045550190,,en,EH-V-90001,"
                + "2026-12-01,Dr. Lena Ortiz,Office visit,100.00,50.00,0.00,50.00,2027-01-31\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(List.of("EH200001"),
                audience("{\"daysSinceFirstStatement\": {\"max\": 29}}"));
        assertEquals(List.of("EH100234", "EH100587", "EH100611", "EH100612", "EH100702",
                "EH100845"), audience("{\"daysSinceFirstStatement\": {\"min\": 30}}"));
        assertEquals(List.of(), audience("{\"daysSinceFirstStatement\": {\"min\": 31}}"));
    }

    @Test
    void thePlanStateIsActiveBrokenOrNone() {
        PlanStore plans = f.parley.parley().services().plans();
        plan(plans, "EH100234");
        Plan lucia = plan(plans, "EH100587");
        plans.changeStatus(lucia.id(), lucia.version(), Plan.Status.BROKEN, "missed_payments");

        assertEquals(List.of("EH100234"), audience("{\"planState\": [\"active\"]}"));
        assertEquals(List.of("EH100587"), audience("{\"planState\": [\"broken\"]}"));
        assertEquals(List.of("EH100611", "EH100612", "EH100702", "EH100845"),
                audience("{\"planState\": [\"none\"]}"));
    }

    private Plan plan(PlanStore plans, String account) {
        PlanRules rules = f.parley.parley().services().settings().planRules(CLIENT).orElseThrow();
        var schedule = new PlanCalculator().schedule(new BigDecimal("300.00"), 3,
                Frequency.MONTHLY, LocalDate.parse("2027-01-04"), rules);
        return plans.create(CLIENT, account, schedule, rules,
                new ShownTerms("3 payments of $100.00", "en", "webchat"),
                new Agreement("conv-" + account, "webchat", 9, "yes", f.clock.instant()),
                LocalDate.parse("2026-12-04"));
    }

    @Test
    void theLanguageIsTheAccountsOrElseTheClientsFirst() {
        assertEquals(List.of("EH100587"), audience("{\"languages\": [\"es\"]}"));
        assertEquals(List.of("EH100234", "EH100611", "EH100612", "EH100702", "EH100845"),
                audience("{\"languages\": [\"en\"]}"));
    }

    @Test
    void reachableMeansAMobileNumberForSmsAndAnAddressForEmail() {
        assertEquals(List.of("EH100234", "EH100587", "EH100611", "EH100612", "EH100702"),
                audience("{\"reachable\": [\"sms\"]}"));
        assertEquals(List.of("EH100234", "EH100587", "EH100611", "EH100702"),
                audience("{\"reachable\": [\"email\"]}"));
    }

    @Test
    void noRecentContactLeavesOutAccountsWithAConversationOrASendInTheWindow() {
        try (ChatClient chat = f.parley.chat()) {
            chat.start("en");
            say(chat, "balance");
            say(chat, "03/14/1985 Rivera");
        }
        f.parley.parley().store().database().getCollection("outreach_sends").insertOne(
                new Document("_id", "alert:test:EH100611").append("clientId", CLIENT)
                        .append("account", "EH100611").append("status", "sent")
                        .append("sentAt", Date.from(TestParley.NOW.minus(Duration.ofDays(2)))));

        List<String> now = audience("{\"noContactDays\": 7, \"balance\": {\"min\": \"80\"}}");
        f.clock.advance(Duration.ofDays(6));
        List<String> sixDaysOn = audience("{\"noContactDays\": 7, \"balance\": {\"min\": \"80\"}}");
        f.clock.advance(Duration.ofDays(2));
        List<String> eightDaysOn = audience("{\"noContactDays\": 7, \"balance\": {\"min\": "
                + "\"80\"}}");

        assertEquals(List.of("EH100587"), now);
        assertEquals(List.of("EH100587", "EH100611"), sixDaysOn);
        assertEquals(List.of("EH100234", "EH100587", "EH100611"), eightDaysOn);
    }

    private void say(ChatClient chat, String text) {
        drain(chat);
        chat.say(text);
        drain(chat);
    }

    private void drain(ChatClient chat) {
        long last = f.parley.parley().services().conversations().lastSeq(chat.conversationId());
        while (chat.lastSeq() < last) {
            chat.next("message");
        }
    }
}
