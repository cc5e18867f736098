package org.parley.qa;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.audit.AuditLog;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports keep the console's masking: a transcript as JSON, conversations as CSV with one row
 * per message, and the printable page; each is audited.
 */
class ExportsTest {

    @TempDir
    static Path data;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Reviewer reviewer;
    static String id;
    static Seeds seeds;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of("PARLEY_STAFF_DEMO_PASSWORD", Reviewer.PASSWORD),
                CLOCK);
        seeds = new Seeds(parley, CLOCK);
        id = seeds.chat("en", "1", "my card is 4111 1111 1111 1111",
                "03/14/1985 Rivera <b>thanks</b>");
        seeds.summarize();
        reviewer = Reviewer.demo(parley);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aTranscriptExportsAsJsonWithDetailsMaskedAndTheBotsReading() {
        HttpResponse<String> export = reviewer.get("/qa/api/conversations/" + id
                + "/export.json");

        assertEquals("attachment; filename=\"transcript-" + id + ".json\"",
                export.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("""
                {"conversation":{"id":"ID","clientId":"example-health","channel":"webchat",\
                "address":"","language":"en","startedAt":"2026-12-04T15:00:00Z",\
                "lastAt":"2026-12-04T15:00:15Z","handed":false,"agents":[],\
                "flows":["main","verify-identity","check-balance"],"outcomes":[],\
                "flags":[{"code":"card_number_masked","seq":5}],"criticalFailed":false},\
                "timeline":[\
                {"type":"message","seq":1,"at":"2026-12-04T15:00:00Z","from":"bot",\
                "text":"Hi, this is the billing assistant for Example Health. I can help you \
                with your bill.","note":{"language":"en","flow":"main","step":"menu",\
                "steps":["main.welcome","main.menu"],"entities":[],"understood":true,\
                "verified":false,"needsAgent":false}},\
                {"type":"message","seq":2,"at":"2026-12-04T15:00:00Z","from":"bot",\
                "text":"What would you like to do?"},\
                {"type":"message","seq":3,"at":"2026-12-04T15:00:05Z","from":"patient",\
                "text":"1"},\
                {"type":"message","seq":4,"at":"2026-12-04T15:00:05Z","from":"bot",\
                "text":"First I need to confirm who you are. Please send your date of birth and \
                last name (for example: 03/14/1985 Rivera), or your account number and ZIP \
                code.","note":{"language":"en","intent":"check_balance","confidence":1.0,\
                "flow":"verify-identity","step":"collect","steps":["verify-identity.identify",\
                "verify-identity.ask","verify-identity.collect"],"entities":[],\
                "understood":true,"verified":false,"needsAgent":false,"gate":"pass"}},\
                {"type":"message","seq":5,"at":"2026-12-04T15:00:10Z","from":"patient",\
                "text":"my card is ************1111"},\
                {"type":"message","seq":6,"at":"2026-12-04T15:00:10Z","from":"bot",\
                "text":"For your security, please don't send card numbers here. I've hidden it \
                from this conversation.","note":{"language":"en","flow":"verify-identity",\
                "step":"collect","steps":[],"entities":[],"understood":true,"verified":false,\
                "needsAgent":false,"gate":"pass","cardMasked":true}},\
                {"type":"message","seq":7,"at":"2026-12-04T15:00:10Z","from":"bot",\
                "text":"I need your date of birth and last name (for example: 03/14/1985 \
                Rivera), or your account number and ZIP code (for example: EH100234 30301)."},\
                {"type":"message","seq":8,"at":"2026-12-04T15:00:15Z","from":"patient",\
                "text":"[date of birth] Rivera <b>thanks</b>"},\
                {"type":"event","kind":"verification","afterSeq":8,\
                "at":"2026-12-04T15:00:15Z","actor":"bot","details":{"result":"verified"}},\
                {"type":"event","kind":"balance_disclosed","afterSeq":8,\
                "at":"2026-12-04T15:00:15Z","actor":"bot","details":{}},\
                {"type":"message","seq":9,"at":"2026-12-04T15:00:15Z","from":"bot",\
                "text":"Thank you, Alex. I've confirmed your identity.","note":{"language":"en",\
                "outcome":"verified","flow":"main","step":"again","steps":[\
                "verify-identity.confirmed","check-balance.show","check-balance.details",\
                "main.again"],\
                "entities":["date_of_birth","last_name"],"understood":true,"verified":true,\
                "needsAgent":false,"gate":"pass"}},\
                {"type":"message","seq":10,"at":"2026-12-04T15:00:15Z","from":"bot",\
                "text":"Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 \
                (in 27 days)."},\
                {"type":"message","seq":11,"at":"2026-12-04T15:00:15Z","from":"bot",\
                "text":"September 2, 2026: Office visit with Dr. Lena Ortiz, $45.00"},\
                {"type":"message","seq":12,"at":"2026-12-04T15:00:15Z","from":"bot",\
                "text":"October 15, 2026: MRI, left knee with Northside Imaging, $1,189.50"},\
                {"type":"message","seq":13,"at":"2026-12-04T15:00:15Z","from":"bot",\
                "text":"Your last payment was $50.00 on November 2, 2026."},\
                {"type":"message","seq":14,"at":"2026-12-04T15:00:15Z","from":"bot",\
                "text":"Is there anything else I can help you with?"}]}""".replace("ID", id),
                export.body());
        assertEquals(List.of(Map.of("format", "json")), audited("transcript_exported"));
    }

    @Test
    void conversationsExportAsCsvWithOneRowPerMessageAfterAByteOrderMarkForSpreadsheets() {
        HttpResponse<String> csv = reviewer.get("/qa/api/export.csv?flag=card_number_masked");

        assertEquals("text/csv; charset=utf-8",
                csv.headers().firstValue("Content-Type").orElseThrow());
        String start = id + ",example-health,webchat,en,2026-12-04T15:00:00Z,";
        assertEquals("\uFEFF" + String.join("\n",
                "conversationId,clientId,channel,language,startedAt,seq,at,from,agentId,text,"
                        + "intent,confidence,flow,step,entities,flags,outcomes,score",
                start + "1,2026-12-04T15:00:00Z,bot,,\"Hi, this is the billing assistant for "
                        + "Example Health. I can help you with your bill.\",,,main,menu,,"
                        + "card_number_masked,,",
                start + "2,2026-12-04T15:00:00Z,bot,,What would you like to do?,,,,,,"
                        + "card_number_masked,,",
                start + "3,2026-12-04T15:00:05Z,patient,,1,,,,,,card_number_masked,,",
                start + "4,2026-12-04T15:00:05Z,bot,,\"First I need to confirm who you are. "
                        + "Please send your date of birth and last name (for example: 03/14/1985 "
                        + "Rivera), or your account number and ZIP code.\",check_balance,1.00,"
                        + "verify-identity,collect,,card_number_masked,,",
                start + "5,2026-12-04T15:00:10Z,patient,,my card is ************1111,,,,,,"
                        + "card_number_masked,,",
                start + "6,2026-12-04T15:00:10Z,bot,,\"For your security, please don't send card "
                        + "numbers here. I've hidden it from this conversation.\",,,"
                        + "verify-identity,collect,,card_number_masked,,",
                start + "7,2026-12-04T15:00:10Z,bot,,\"I need your date of birth and last name "
                        + "(for example: 03/14/1985 Rivera), or your account number and ZIP code "
                        + "(for example: EH100234 30301).\",,,,,,card_number_masked,,",
                start + "8,2026-12-04T15:00:15Z,patient,,[date of birth] Rivera <b>thanks</b>,"
                        + ",,,,,card_number_masked,,",
                start + "9,2026-12-04T15:00:15Z,bot,,\"Thank you, Alex. I've confirmed your "
                        + "identity.\",,,main,again,date_of_birth last_name,card_number_masked,,",
                start + "10,2026-12-04T15:00:15Z,bot,,\"Your balance is $1,234.50 for 2 visits. "
                        + "It is due by December 31, 2026 (in 27 days).\",,,,,,"
                        + "card_number_masked,,",
                start + "11,2026-12-04T15:00:15Z,bot,,\"September 2, 2026: Office visit with "
                        + "Dr. Lena Ortiz, $45.00\",,,,,,card_number_masked,,",
                start + "12,2026-12-04T15:00:15Z,bot,,\"October 15, 2026: MRI, left knee with "
                        + "Northside Imaging, $1,189.50\",,,,,,card_number_masked,,",
                start + "13,2026-12-04T15:00:15Z,bot,,\"Your last payment was $50.00 on "
                        + "November 2, 2026.\",,,,,,card_number_masked,,",
                start + "14,2026-12-04T15:00:15Z,bot,,Is there anything else I can help you "
                        + "with?,,,,,,card_number_masked,,") + "\n", csv.body());
        assertEquals(List.of(Map.of("format", "csv")), audited("transcript_exported").stream()
                .filter(d -> d.get("format").equals("csv")).toList());
    }

    @Test
    void thePrintablePageEscapesEveryTextAndMasksTheSameDetails() {
        HttpResponse<String> page = reviewer.get("/qa/print/" + id);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<li class=\"message from-patient\"><span class=\"meta\">"
                + "#8 patient · 2026-12-04 15:00:15 UTC</span><p>[date of birth] Rivera "
                + "&lt;b&gt;thanks&lt;/b&gt;</p></li>"), page.body());
        assertTrue(page.body().contains("<p>my card is ************1111</p>"));
        assertTrue(page.body().contains("<dt>Flags</dt><dd>card_number_masked</dd>"));
        assertEquals(false, page.body().contains("<b>thanks"));
        assertEquals(List.of(Map.of("via", "print")), audited("transcript_viewed").stream()
                .filter(d -> d.get("via").equals("print")).toList());
    }

    @Test
    void aPaymentLinkShowsWithoutItsTokenInTheTranscriptAndTheExports() {
        String paid = seeds.chat("en", "I can pay $200 today", "03/14/1985 Rivera");
        String link = "Here is your secure payment link for $200.00: http://localhost:"
                + parley.parley().port() + "/pay/[link] It works once and expires in 30 minutes.";

        JsonNode transcript = reviewer.getJson("/qa/api/conversations/" + paid);
        JsonNode export = reviewer.getJson("/qa/api/conversations/" + paid + "/export.json");
        String page = reviewer.get("/qa/print/" + paid).body();

        assertEquals("[{\"text\":\"" + link + "\"}]", message(transcript.get("items"), 7)
                .get("segments").toString());
        assertEquals(link, message(export.get("timeline"), 7).get("text").asText());
        assertTrue(page.contains("<p>" + link + "</p>"), page);
    }

    @Test
    void aCellASpreadsheetWouldRunIsKeptAsText() {
        assertEquals("'=HYPERLINK(\"x\")", Exports.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1 404", Exports.cell("+1 404"));
        assertEquals("'@me", Exports.cell("@me"));
        assertEquals("hi = there", Exports.cell("hi = there"));
    }

    private static JsonNode message(JsonNode items, int seq) {
        for (JsonNode item : items) {
            if (item.get("type").asText().equals("message") && item.get("seq").asInt() == seq) {
                return item;
            }
        }
        throw new AssertionError("no message " + seq + " in " + items);
    }

    private static List<Map<String, String>> audited(String event) {
        return parley.parley().services().audit().forConversation(id).stream()
                .filter(e -> e.event().equals(event) && e.actor().equals("staff:" + reviewer.id()))
                .map(AuditLog.Entry::details).toList();
    }
}
