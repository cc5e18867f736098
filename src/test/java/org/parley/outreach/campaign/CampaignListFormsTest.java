package org.parley.outreach.campaign;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;
import static org.parley.outreach.campaign.CampaignFixture.campaign;
import static org.parley.outreach.campaign.CampaignFixture.json;

/**
 * An uploaded account list takes numbers in the forms a balance file or a person writes them
 * ({@code TB/201}, {@code TB 201}) and refuses, by row and value, only what is no account number;
 * a campaign route that does not exist is answered with the full routes that do.
 */
class CampaignListFormsTest extends CampaignCase {

    @Test
    void aListedNumberWithASlashOrASpaceJoinsTheAccountItNames() {
        f.importBalances("""
                TB/201,Tess,Banks,1990-05-06,30307,,,en,TB-V-1,2026-10-01,Dr. Lena Ortiz,\
                Visit,100.00,50.00,0.00,50.00,2027-01-31
                tb-202,Tomas,Bello,1988-07-08,30318,,,es,TB-V-2,2026-10-02,Dr. Lena Ortiz,\
                Visit,300.00,100.00,0.00,200.00,2027-01-31
                """);
        String id = f.create(campaign("{\"list\": true}"));

        HttpResponse<String> res = f.parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", "account_number\nTB/201\nTB 202\nTB 999\n");
        f.runJobAt("2026-12-07T15:00:00Z");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("{\"campaignId\":\"" + id + "\",\"listed\":3,\"known\":2,\"unknownCount\":1,"
                + "\"unknown\":[\"TB 999\"]}", res.body());
        assertEquals("{\"campaignId\":\"" + id + "\",\"fixed\":true,\"count\":2,"
                + "\"accounts\":[\"TB/201\",\"tb-202\"]}",
                json(f.get(BASE + "/" + id + "/audience")).toString());
    }

    @Test
    void aListedValueThatIsNoAccountNumberIsRefusedByItsLineAndValue() {
        String id = f.create(campaign("{\"list\": true}"));

        HttpResponse<String> res = f.parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", "account_number\nTB 201\nTB#201\n");

        assertEquals(400, res.statusCode(), res.body());
        assertEquals("{\"line\":3,\"column\":\"account_number\",\"value\":\"TB#201\","
                + "\"expected\":\"one account number per line: 1 to 64 letters, digits, '.', '_', "
                + "'/' or '-', or spaces between them\"}",
                json(res).get("detail").get("problems").get(0).toString());
    }

    @Test
    void anUnknownCampaignRouteIsNamedInFull() {
        String id = f.create(campaign("{\"list\": true}"));

        HttpResponse<String> res = f.get(BASE + "/" + id + "/members");

        assertEquals(404, res.statusCode());
        assertEquals("No such route: GET " + BASE + "/" + id + "/members; see the README for "
                + "the API's routes", json(res).get("message").asText());
    }

    @Test
    void anUnknownMoveIsAnsweredWithTheFullRoutesOfTheMoves() {
        String id = f.create(campaign("{\"list\": true}"));

        HttpResponse<String> res = f.post(BASE + "/" + id + "/restart", "");

        assertEquals(404, res.statusCode());
        assertEquals("No such route: POST " + BASE + "/" + id + "/restart; a campaign is moved "
                + "with POST " + BASE + "/" + id + "/pause, " + BASE + "/" + id + "/resume or "
                + BASE + "/" + id + "/cancel", json(res).get("message").asText());
    }
}
