package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;
import static org.parley.outreach.campaign.CampaignFixture.campaign;
import static org.parley.outreach.campaign.CampaignFixture.json;

/** A client administrator defines, lists, moves and previews campaigns through the API. */
class CampaignApiTest extends CampaignCase {

    @Test
    void aDefinedCampaignIsScheduledWithItsStepsOnCalendarDays() {
        HttpResponse<String> res = f.post(BASE, campaign("""
                {"balance": {"min": "50.00", "max": "5000"}, "planState": ["none"],
                 "languages": ["en", "es"], "reachable": ["sms"], "noContactDays": 14,
                 "daysSinceFirstStatement": {"min": 0, "max": 90}}"""));

        assertEquals(201, res.statusCode(), res.body());
        JsonNode c = json(res);
        assertEquals("scheduled", c.get("state").asText());
        assertEquals("[\"pause\",\"cancel\"]", c.get("allowed").toString());
        assertEquals("{\"balance\":{\"min\":\"50.00\",\"max\":\"5000\"},"
                + "\"daysSinceFirstStatement\":{\"min\":0,\"max\":90},\"planState\":[\"none\"],"
                + "\"languages\":[\"en\",\"es\"],\"reachable\":[\"sms\"],\"noContactDays\":14}",
                c.get("audience").toString());
        assertEquals(List.of("1 day 1 2026-12-07 sms campaign.reminder [\"pay\",\"payment_plan\"]",
                        "2 day 4 2026-12-10 email campaign.reminder []",
                        "3 day 30 2027-01-05 sms campaign.final []"),
                steps(c));
        assertEquals(c, f.show(c.get("id").asText()));
        JsonNode list = json(f.get(BASE));
        assertEquals(1, list.get("campaigns").size());
        assertEquals(c.get("id"), list.get("campaigns").get(0).get("id"));
    }

    @Test
    void everyWrongFieldIsListedInOne400AndNothingIsStored() {
        HttpResponse<String> res = f.post(BASE, """
                {"name": "", "audience": {"balance": {"min": "12.345", "max": "-1"},
                  "planState": ["paused"], "languages": ["fr"], "reachable": ["fax"],
                  "noContactDays": 0, "colour": "red"},
                 "steps": [{"day": 3, "channel": "sms", "template": "campaign.nothing"},
                           {"day": 2, "channel": "pigeon", "template": "campaign.final",
                            "options": ["dance"]},
                           {"day": 90, "channel": "email", "template": "campaign.final"}],
                 "start": "2026-12-03", "end": "2027-01-31"}""");

        assertEquals(400, res.statusCode());
        JsonNode body = json(res);
        assertEquals("invalid_campaign", body.get("error").asText());
        List<String> problems = new ArrayList<>();
        body.get("detail").get("problems").forEach(p -> problems.add(p.get("field").asText()
                + " = " + p.get("value").asText()));
        assertEquals(List.of(
                "name = \"\"",
                "start = 2026-12-03",
                "audience.colour = red",
                "audience.balance.min = 12.345",
                "audience.balance.max = -1",
                "audience.planState[0] = paused",
                "audience.languages[0] = fr",
                "audience.reachable[0] = fax",
                "audience.noContactDays = 0",
                "steps[0].template = campaign.nothing",
                "steps[1].day = 2",
                "steps[1].channel = pigeon",
                "steps[1].options[0] = dance",
                "steps[2].day = 90"), problems);
        assertEquals("The campaign was not saved: name: \"\" is not a name of 1 to 100 characters"
                + " with no control characters (such as line breaks or \\u0000) (and 13 more in "
                + "detail.problems). Correct them and send the whole campaign again.",
                body.get("message").asText());
        assertEquals(0, json(f.get(BASE)).get("campaigns").size());
    }

    @Test
    void aBalanceIsOnlyTakenAsADecimalStringAndAnyOtherFormIsNamed() {
        List<String> refused = new ArrayList<>();
        for (String min : List.of("100", "\"1e3\"", "\" 10\"", "\"-5\"", "\"+5\"",
                "\"10.\"", "100.0")) {
            HttpResponse<String> res = f.post(BASE, campaign("{\"balance\": {\"min\": " + min
                    + "}}"));
            JsonNode problem = json(res).get("detail").get("problems").get(0);
            refused.add(res.statusCode() + " " + problem.get("field").asText() + " "
                    + problem.get("value").asText());
        }

        assertEquals(List.of("400 audience.balance.min 100", "400 audience.balance.min 1e3",
                "400 audience.balance.min  10", "400 audience.balance.min -5",
                "400 audience.balance.min +5", "400 audience.balance.min 10.",
                "400 audience.balance.min 100"), refused);
        assertEquals("The campaign was not saved: audience.balance.min: 100 is not an amount "
                + "as a JSON string of digits with at most two decimals, such as \"100.00\" (no "
                + "number, sign, exponent or spaces). Correct it and send the whole campaign "
                + "again.", json(f.post(BASE, campaign("{\"balance\": {\"min\": 100}}")))
                .get("message").asText());
        assertEquals(0, json(f.get(BASE)).get("campaigns").size());
    }

    @Test
    void aNameWithAControlCharacterIsRefused() {
        for (String name : List.of("Winter\\u0000", "Winter\\nreminders", "Winter\\u0007")) {
            HttpResponse<String> res = f.post(BASE, campaign("{\"list\": true}")
                    .replace("December balances", name));

            assertEquals(400, res.statusCode(), name);
            assertEquals("name", json(res).get("detail").get("problems").get(0).get("field")
                    .asText(), name);
        }
        assertEquals(0, json(f.get(BASE)).get("campaigns").size());
    }

    @Test
    void aNameThatIsNotAStringIsNamedOnce() {
        HttpResponse<String> res = f.post(BASE, campaign("{\"list\": true}")
                .replace("\"December balances\"", "5"));

        assertEquals(400, res.statusCode());
        assertEquals("[{\"field\":\"name\",\"value\":\"5\",\"expected\":\"a string\","
                + "\"message\":\"name: 5 is not a string\"}]",
                json(res).get("detail").get("problems").toString());
    }

    @Test
    void anEndBeforeTheStartIsSaidPlainlyAndOnlyOnce() {
        HttpResponse<String> res = f.post(BASE, campaign("{\"list\": true}")
                .replace("\"start\": \"2026-12-07\", \"end\": \"2027-01-06\"",
                        "\"start\": \"2026-12-05\", \"end\": \"2026-12-01\""));

        assertEquals(400, res.statusCode());
        assertEquals("The campaign was not saved: end 2026-12-01 is before start 2026-12-05; "
                + "give an end on or after the start. Correct it and send the whole campaign "
                + "again.", json(res).get("message").asText());
        assertEquals(1, json(res).get("detail").get("problems").size());
    }

    @Test
    void anOversizedCampaignIsToldTheFullPathToUploadAListTo() {
        HttpResponse<String> huge = f.post(BASE, campaign("{\"list\": true}")
                .replace("December balances", "x".repeat(40_000)));

        assertEquals("The body is larger than 32 KB; a campaign is far smaller (upload a long "
                + "list of accounts as CSV to /api/clients/example-health/campaigns/{campaignId}"
                + "/audience)", json(huge).get("message").asText());
    }

    @Test
    void aBodyWithADuplicateKeyIsRefused() {
        HttpResponse<String> res = f.post(BASE, campaign("{\"list\": true}")
                .replace("\"name\": \"December balances\",",
                        "\"name\": \"A\", \"name\": \"B\","));

        assertEquals(400, res.statusCode());
        assertEquals("invalid_json", json(res).get("error").asText());
        assertEquals(true, json(res).get("message").asText().contains("Duplicate field 'name'"),
                res.body());
    }

    @Test
    void aBodyOfAnotherMediaTypeIs415AndAnOversizedOneIs413() {
        HttpResponse<String> text = f.parley.api("POST", BASE, "text/plain",
                campaign("{\"list\": true}"));
        HttpResponse<String> huge = f.post(BASE, campaign("{\"list\": true}")
                .replace("December balances", "x".repeat(40_000)));

        assertEquals(415, text.statusCode());
        assertEquals("unsupported_media_type", json(text).get("error").asText());
        assertEquals(413, huge.statusCode());
        assertEquals("campaign_too_large", json(huge).get("error").asText());
        assertEquals(0, json(f.get(BASE)).get("campaigns").size());
    }

    @Test
    void pauseResumeAndCancelFollowTheStateMachineAndRefuseOtherMovesWith409() {
        String id = f.create(campaign("{\"list\": true}"));

        JsonNode paused = json(f.post(BASE + "/" + id + "/pause", ""));
        HttpResponse<String> again = f.post(BASE + "/" + id + "/pause", "");
        JsonNode resumed = json(f.post(BASE + "/" + id + "/resume", ""));
        JsonNode cancelled = json(f.post(BASE + "/" + id + "/cancel", ""));
        HttpResponse<String> afterCancel = f.post(BASE + "/" + id + "/resume", "");

        assertEquals("paused", paused.get("state").asText());
        assertEquals(409, again.statusCode());
        assertEquals("Campaign " + id + " is paused; it cannot pause. From paused it can: "
                + "resume, cancel.", json(again).get("message").asText());
        assertEquals("{\"state\":\"paused\",\"requested\":\"pause\",\"allowed\":[\"resume\","
                + "\"cancel\"]}", json(again).get("detail").toString());
        assertEquals("scheduled", resumed.get("state").asText());
        assertEquals("cancelled", cancelled.get("state").asText());
        assertEquals(409, afterCancel.statusCode());
        assertEquals("Campaign " + id + " is cancelled; it cannot resume. A cancelled campaign "
                + "is final; define a new campaign instead.", json(afterCancel).get("message")
                .asText());
    }

    @Test
    void anUnknownCampaignOrMoveIs404() {
        assertEquals(404, f.get(BASE + "/cmp-nope").statusCode());
        String id = f.create(campaign("{\"list\": true}"));
        assertEquals(404, f.post(BASE + "/" + id + "/restart", "").statusCode());
        assertEquals(404, f.get("/api/clients/nobody/campaigns").statusCode());
    }

    @Test
    void anUploadedListNamesTheUnknownAccountsAndThePreviewShowsTheKnownOnes() {
        String id = f.create(campaign("{\"list\": true}"));

        HttpResponse<String> res = f.parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", "account_number\nEH100587\nEH999999\nEH100234\nEH100234\nZZ1\n");
        JsonNode preview = json(f.get(BASE + "/" + id + "/audience"));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("{\"campaignId\":\"" + id + "\",\"listed\":4,\"known\":2,\"unknownCount\":2,"
                + "\"unknown\":[\"EH999999\",\"ZZ1\"]}", res.body());
        assertEquals("{\"campaignId\":\"" + id + "\",\"fixed\":false,\"count\":2,"
                + "\"accounts\":[\"EH100234\",\"EH100587\"]}", preview.toString());
    }

    @Test
    void anUploadedListReadsAccountNumbersAsVerificationDoesInAnyCaseAndWithoutDashes() {
        f.importBalances("""
                tb004,Tomas,Bello,1988-07-08,30318,,,es,TB-V-2,2026-10-02,Dr. Lena Ortiz,\
                Visit,300.00,100.00,0.00,200.00,2027-01-31
                tc-0412,Tina,Cole,1979-01-02,30301,,,en,TB-V-3,2026-10-03,Dr. Lena Ortiz,\
                Visit,80.00,50.00,0.00,30.00,2027-01-31
                TC.0412,Tom,Cole,1979-01-03,30301,,,en,TB-V-4,2026-10-03,Dr. Lena Ortiz,\
                Visit,80.00,50.00,0.00,30.00,2027-01-31
                """);
        String id = f.create(campaign("{\"list\": true}"));

        HttpResponse<String> res = f.parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", "eh-100234\nEh100587\nTB-004\ntc-0412\nTC0412\nZZ1\n");
        f.runJobAt("2026-12-07T15:00:00Z");
        JsonNode members = json(f.get(BASE + "/" + id + "/audience"));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("{\"campaignId\":\"" + id + "\",\"listed\":6,\"known\":4,\"unknownCount\":2,"
                + "\"unknown\":[\"TC0412\",\"ZZ1\"]}", res.body());
        assertEquals("{\"campaignId\":\"" + id + "\",\"fixed\":true,\"count\":4,"
                + "\"accounts\":[\"EH100234\",\"EH100587\",\"tb004\",\"tc-0412\"]}",
                members.toString());
    }

    @Test
    void aSecondListReplacesTheFirstAndNamesAtMostAHundredUnknownNumbers() {
        String id = f.create(campaign("{\"list\": true}"));
        StringBuilder many = new StringBuilder("EH100234\n");
        for (int i = 0; i < 150; i++) {
            many.append("ZZ%03d\n".formatted(i));
        }

        f.parley.api("POST", BASE + "/" + id + "/audience", "text/csv", "EH100587\n");
        JsonNode second = json(f.parley.api("POST", BASE + "/" + id + "/audience", "text/csv",
                many.toString()));
        JsonNode preview = json(f.get(BASE + "/" + id + "/audience"));

        assertEquals(151, second.get("listed").asInt());
        assertEquals(150, second.get("unknownCount").asInt());
        assertEquals(100, second.get("unknown").size());
        assertEquals("ZZ099", second.get("unknown").get(99).asText());
        assertEquals("[\"EH100234\"]", preview.get("accounts").toString());
    }

    @Test
    void aListWithABadRowIsRefusedWholeAndAListIsOnlyForAListCampaign() {
        String list = f.create(campaign("{\"list\": true}"));
        String rules = f.create(campaign("{\"languages\": [\"en\"]}"));

        HttpResponse<String> bad = f.parley.api("POST", BASE + "/" + list + "/audience",
                "text/csv", "EH100587\nEH100234,extra\n");
        HttpResponse<String> notList = f.parley.api("POST", BASE + "/" + rules + "/audience",
                "text/csv", "EH100587\n");
        HttpResponse<String> json = f.parley.api("POST", BASE + "/" + list + "/audience",
                "application/json", "[\"EH100587\"]");

        assertEquals(400, bad.statusCode());
        assertEquals("invalid_campaign_list", json(bad).get("error").asText());
        assertEquals(2, json(bad).get("detail").get("problems").get(0).get("line").asInt());
        assertEquals("{\"campaignId\":\"" + list + "\",\"fixed\":false,\"count\":0,"
                + "\"accounts\":[]}", json(f.get(BASE + "/" + list + "/audience")).toString());
        assertEquals(409, notList.statusCode());
        assertEquals("not_a_list_campaign", json(notList).get("error").asText());
        assertEquals(415, json.statusCode());
    }

    private static List<String> steps(JsonNode c) {
        List<String> out = new ArrayList<>();
        c.get("steps").forEach(s -> out.add(s.get("step").asInt() + " day " + s.get("day")
                .asInt() + " " + s.get("dueOn").asText() + " " + s.get("channel").asText() + " "
                + s.get("template").asText() + " " + s.get("options")));
        return out;
    }
}
