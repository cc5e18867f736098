package org.parley.qa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.AgentClient;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scoring against the client's scorecard: the settings section, weights, not applicable,
 * critical items, a second reviewer's conflict, comments pinned to messages, and the results
 * per agent, per flow and per week. P (the bot alone), Q and R (handed to agents 1 and 2) start
 * in ISO week 2026-W49; S (agent 1) a week later; what the tests make, a week after that.
 */
class ScoringTest {

    static final String SCORECARD = """
            {"items": [
              {"id": "verified-first", "label": "Identity verified before any balance",
               "weight": 3, "critical": true},
              {"id": "clear", "label": "Clear and polite", "weight": 1},
              {"id": "resolved", "label": "Resolved", "weight": 1, "critical": false}],
             "samplePercent": 25, "agentReplyTargetSeconds": 60}""";

    @TempDir
    static Path data;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Seeds seeds;
    static Reviewer reviewer;
    static String p;
    static String q;
    static String r;
    static String s;
    static String agent1;
    static String agent2;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of("PARLEY_STAFF_DEMO_PASSWORD", Reviewer.PASSWORD),
                CLOCK);
        seeds = new Seeds(parley, CLOCK);
        HttpResponse<String> put = parley.api("PUT",
                "/api/clients/example-health/settings/qa-scorecard", "application/json",
                SCORECARD);
        assertEquals(200, put.statusCode(), put.body());

        p = seeds.chat("en", "what do I owe?", "03/14/1985 rivera");
        AgentClient one = seeds.agent("one@example-health.test");
        AgentClient two = seeds.agent("two@example-health.test");
        agent1 = one.id();
        agent2 = two.id();
        q = handled(one);
        r = handled(two);
        CLOCK.advance(Duration.ofDays(7));
        s = handled(seeds.agentAgain("one@example-health.test"));
        seeds.summarize();
        // Conversations the tests make start a week later still, outside the roll-ups' range.
        CLOCK.advance(Duration.ofDays(7));
        reviewer = Reviewer.demo(parley);
    }

    /** A conversation the patient hands to a person and {@code agent} answers and closes. */
    private static String handled(AgentClient agent) {
        String id = seeds.chat("en", "I want to talk to a person");
        seeds.claim(agent, id);
        seeds.reply(agent, id, "Hello, how can I help?");
        seeds.close(agent, id, "resolved");
        return id;
    }

    @AfterAll
    static void stop() {
        seeds.closeAgents();
        parley.close();
    }

    private static JsonNode score(String id, String answers, long version) {
        return reviewer.call("PUT", "/qa/api/conversations/" + id + "/review", "{\"answers\":"
                + answers + ",\"version\":" + version + "}");
    }

    @Test
    void theScorecardIsAClientSettingShownWithItsDefaults() {
        HttpResponse<String> shown = parley.api("GET",
                "/api/clients/example-health/settings/qa-scorecard", null, null);

        assertEquals("{\"items\":[{\"id\":\"verified-first\",\"label\":\"Identity verified "
                + "before any balance\",\"weight\":3,\"critical\":true},{\"id\":\"clear\","
                + "\"label\":\"Clear and polite\",\"weight\":1,\"critical\":false},{\"id\":"
                + "\"resolved\",\"label\":\"Resolved\",\"weight\":1,\"critical\":false}],"
                + "\"samplePercent\":25,\"agentReplyTargetSeconds\":60,\"endedAfterMinutes\":1440}",
                shown.body());
    }

    @Test
    void aWrongScorecardIsRefusedNamingTheFieldAndNothingChanges() {
        HttpResponse<String> refused = parley.api("PUT",
                "/api/clients/example-health/settings/qa-scorecard", "application/json",
                "{\"items\":[{\"id\":\"a\",\"label\":\"A\",\"weight\":1},"
                        + "{\"id\":\"a\",\"label\":\"B\",\"weight\":0}]}");
        HttpResponse<String> critical = parley.api("PUT",
                "/api/clients/example-health/settings/qa-scorecard", "application/json",
                "{\"items\":[{\"id\":\"a\",\"label\":\"A\",\"weight\":1,\"critical\":\"yes\"}]}");

        assertEquals(400, refused.statusCode());
        assertEquals("{\"error\":\"invalid_setting\",\"message\":\"items[1].id repeats \\\"a\\\"; "
                + "give each item its own id\",\"detail\":{\"field\":\"items[1].id\"}}",
                refused.body());
        assertEquals("{\"error\":\"invalid_setting\",\"message\":\"items[0].critical must be "
                + "true or false; got \\\"yes\\\"\",\"detail\":{\"field\":\"items[0].critical\"}}",
                critical.body());
        assertEquals(3, Reviewer.json(parley.api("GET",
                "/api/clients/example-health/settings/qa-scorecard", null, null).body())
                .get("items").size());
    }

    @Test
    void weightsCountTheItemsAnsweredYesOutOfThoseAnsweredAtAll() {
        JsonNode review = reviewer.getJson("/qa/api/conversations/" + p).get("review");
        JsonNode scored = score(p, "{\"verified-first\":\"yes\",\"clear\":\"yes\","
                + "\"resolved\":\"no\"}", review.get("version").asLong());

        assertEquals(80, scored.get("score").asInt());
        assertEquals(false, scored.get("criticalFailed").asBoolean());
        assertEquals(reviewer.id(), scored.get("reviewerId").asText());
        assertEquals(80, reviewer.getJson("/qa/api/conversations/" + p).get("summary")
                .get("score").asInt());
    }

    @Test
    void notApplicableLeavesAnItemOutAndACriticalNoFailsTheWholeReview() {
        JsonNode notApplicable = score(q, "{\"verified-first\":\"yes\",\"clear\":\"no\","
                + "\"resolved\":\"not_applicable\"}", version(q));
        JsonNode failed = score(r, "{\"verified-first\":\"no\",\"clear\":\"yes\","
                + "\"resolved\":\"yes\"}", version(r));

        assertEquals(75, notApplicable.get("score").asInt());
        assertEquals(0, failed.get("score").asInt());
        assertEquals(true, failed.get("criticalFailed").asBoolean());
    }

    @Test
    void aReviewChangedMeanwhileIsNotOverwritten() {
        String id = seeds.chat("en", "hello");
        long version = version(id);
        score(id, "{\"verified-first\":\"yes\",\"clear\":\"yes\",\"resolved\":\"yes\"}",
                version);

        HttpResponse<String> stale = reviewer.send("PUT", "/qa/api/conversations/" + id
                + "/review", "{\"answers\":{\"verified-first\":\"no\",\"clear\":\"no\","
                + "\"resolved\":\"no\"},\"version\":" + version + "}");

        assertEquals(409, stale.statusCode());
        assertEquals("{\"error\":\"review_changed\",\"message\":\"The review of conversation "
                + id + " is at version 1, not 0: someone changed it meanwhile. Load it again and "
                + "score once more\"}", stale.body());
        assertEquals(100, reviewer.getJson("/qa/api/conversations/" + id).get("review")
                .get("score").asInt());
    }

    @Test
    void everyItemMustBeAnsweredWithYesNoOrNotApplicable() {
        String id = seeds.chat("en", "hello there");

        HttpResponse<String> missing = reviewer.send("PUT", "/qa/api/conversations/" + id
                + "/review", "{\"answers\":{\"clear\":\"yes\"},\"version\":0}");
        HttpResponse<String> wrong = reviewer.send("PUT", "/qa/api/conversations/" + id
                + "/review", "{\"answers\":{\"verified-first\":\"maybe\",\"clear\":\"yes\","
                + "\"resolved\":\"yes\"},\"version\":0}");

        assertEquals("Answer every item of the scorecard (yes, no or not_applicable); missing: "
                + "[verified-first, resolved]", message(missing));
        assertEquals("The answer to 'verified-first' must be yes, no or not_applicable; got "
                + "'maybe'", message(wrong));
        assertEquals(0, version(id));
    }

    @Test
    void aCommentIsPinnedToAMessageOfTheConversation() {
        String id = seeds.chat("en", "what do I owe?");

        JsonNode review = reviewer.call("POST", "/qa/api/conversations/" + id + "/comments",
                "{\"seq\":4,\"text\":\"Asked for <b>identity</b> first: good\"}");
        HttpResponse<String> nowhere = reviewer.send("POST", "/qa/api/conversations/" + id
                + "/comments", "{\"seq\":99,\"text\":\"lost\"}");

        JsonNode comment = review.get("comments").get(0);
        assertEquals(4, comment.get("seq").asInt());
        assertEquals("Asked for <b>identity</b> first: good", comment.get("text").asText());
        assertEquals(reviewer.id(), comment.get("authorId").asText());
        assertEquals(0, review.get("version").asInt());
        assertEquals("Conversation " + id + " has no message 99; pin the comment to one of its "
                + "messages", message(nowhere));
    }

    @Test
    void aCommentKeepsNoCardNumberBirthDateOrPhoneInClear() {
        String id = seeds.chat("en", "what do I owe?");

        reviewer.call("POST", "/qa/api/conversations/" + id + "/comments", "{\"seq\":3,"
                + "\"text\":\"Patient typed 4111 1111 1111 1111, born 03/14/1985, call "
                + "404-555-0142\"}");

        String expected = "Patient typed ************1111, born [date of birth], call [phone]";
        assertEquals(expected, reviewer.getJson("/qa/api/conversations/" + id).get("review")
                .get("comments").get(0).get("text").asText());
        assertEquals(expected, seeds.db().getCollection("qa_reviews")
                .find(new org.bson.Document("_id", id)).first()
                .getList("comments", org.bson.Document.class).get(0).getString("text"));
    }

    @Test
    void aColleaguesCommentDoesNotMakeAScoreStale() {
        String id = seeds.chat("en", "hi, what is this about?");
        long read = version(id);

        reviewer.call("POST", "/qa/api/conversations/" + id + "/comments",
                "{\"seq\":3,\"text\":\"Friendly opening\"}");
        JsonNode scored = score(id, "{\"verified-first\":\"yes\",\"clear\":\"yes\","
                + "\"resolved\":\"yes\"}", read);

        assertEquals(100, scored.get("score").asInt());
        assertEquals(1, scored.get("version").asInt());
        assertEquals(1, scored.get("comments").size());
    }

    @Test
    void aCommentPinnedToAFractionOfAMessageIsRefused() {
        String id = seeds.chat("en", "hello again");

        HttpResponse<String> refused = reviewer.send("POST", "/qa/api/conversations/" + id
                + "/comments", "{\"seq\":3.5,\"text\":\"between\"}");

        assertEquals(400, refused.statusCode());
        assertEquals("'seq' must be the number of the message the comment is about, a whole "
                + "number, 1 or more; got 3.5", message(refused));
        assertEquals(0, reviewer.getJson("/qa/api/conversations/" + id).get("review")
                .get("comments").size());
    }

    @Test
    void aBodyOverSixteenKilobytesIsTooLarge() {
        String id = seeds.chat("en", "hello once more");

        HttpResponse<String> refused = reviewer.send("POST", "/qa/api/conversations/" + id
                + "/comments", "{\"seq\":3,\"text\":\"" + "x".repeat(17_000) + "\"}");

        assertEquals(413, refused.statusCode());
        assertEquals("{\"error\":\"body_too_large\",\"message\":\"The body is larger than 16 "
                + "KB; QA requests are far smaller\"}", refused.body());
    }

    @Test
    void resultsRollUpPerAgentPerFlowAndPerWeek() {
        String yes = "{\"verified-first\":\"yes\",\"clear\":\"yes\",\"resolved\":\"yes\"}";
        score(p, "{\"verified-first\":\"yes\",\"clear\":\"yes\",\"resolved\":\"no\"}",
                version(p));
        score(q, "{\"verified-first\":\"yes\",\"clear\":\"no\",\"resolved\":\"not_applicable\"}",
                version(q));
        score(r, "{\"verified-first\":\"no\",\"clear\":\"yes\",\"resolved\":\"yes\"}",
                version(r));
        score(s, yes, version(s));
        String range = "from=2026-12-01&to=2026-12-11";

        assertEquals(Map.of(
                agent1, "{\"name\":\"Agent one\",\"conversations\":2,\"reviewed\":2,\"averageScore\":\"87.5\","
                        + "\"criticalFailed\":0}",
                agent2, "{\"name\":\"Agent two\",\"conversations\":1,\"reviewed\":1,\"averageScore\":\"0.0\","
                        + "\"criticalFailed\":1}",
                "bot", "{\"conversations\":1,\"reviewed\":1,\"averageScore\":\"80.0\","
                        + "\"criticalFailed\":0}"), byKey(range + "&by=agent"));
        assertEquals("[{\"key\":\"2026-W49\",\"conversations\":3,\"reviewed\":3,"
                + "\"averageScore\":\"51.7\",\"criticalFailed\":1},{\"key\":\"2026-W50\","
                + "\"conversations\":1,\"reviewed\":1,\"averageScore\":\"100.0\","
                + "\"criticalFailed\":0}]", groups(range + "&by=week"));
        assertEquals("[{\"key\":\"check-balance\",\"conversations\":1,\"reviewed\":1,"
                + "\"averageScore\":\"80.0\",\"criticalFailed\":0},{\"key\":\"talk-to-agent\","
                + "\"conversations\":3,\"reviewed\":3,\"averageScore\":\"58.3\","
                + "\"criticalFailed\":1},{\"key\":\"verify-identity\",\"conversations\":1,"
                + "\"reviewed\":1,\"averageScore\":\"80.0\",\"criticalFailed\":0}]",
                groups(range + "&by=flow"));
    }

    @Test
    void theQueueJobFillsTheLastWeekWhoseConversationsHaveAllEnded() {
        assertEquals(true, parley.parley().jobs().run(Qa.QUEUE_JOB));

        JsonNode queue = reviewer.getJson("/qa/api/queue?week=2026-W50");
        assertEquals(1, queue.get("entries").size());
        JsonNode entry = queue.get("entries").get(0);
        assertEquals(s, entry.get("conversation").get("id").asText());
        assertEquals("sampled " + agent1, entry.get("reason").asText() + " "
                + entry.get("group").asText());
        assertEquals("[]", reviewer.getJson("/qa/api/queue?week=2026-W51").get("entries")
                .toString());
    }

    private static Map<String, String> byKey(String query) {
        Map<String, String> groups = new java.util.HashMap<>();
        reviewer.getJson("/qa/api/rollups?" + query).get("groups").forEach(g -> {
            com.fasterxml.jackson.databind.node.ObjectNode rest =
                    ((com.fasterxml.jackson.databind.node.ObjectNode) g).deepCopy();
            rest.remove("key");
            groups.put(g.get("key").asText(), rest.toString());
        });
        return groups;
    }

    private static String groups(String query) {
        return reviewer.getJson("/qa/api/rollups?" + query).get("groups").toString();
    }

    private static long version(String id) {
        return reviewer.getJson("/qa/api/conversations/" + id).get("review").get("version")
                .asLong();
    }

    private static String message(HttpResponse<String> response) {
        return Reviewer.json(response.body()).get("message").asText();
    }
}
