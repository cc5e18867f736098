package org.parley.qa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.AgentClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding conversations by every filter, sorted and paged. Six conversations are made through
 * web chat, SMS and an agent handoff: A to E on December 4, F three days later.
 */
class QaSearchTest {

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Reviewer reviewer;
    static final Map<String, String> NAMES = new HashMap<>();
    static Seeds seeds;
    static String agentId;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
        env.put("PARLEY_STAFF_DEMO_PASSWORD", Reviewer.PASSWORD);
        parley = TestParley.start(data, env, CLOCK);
        seeds = new Seeds(parley, CLOCK);

        NAMES.put(seeds.chat("en", "what do I owe?", "03/14/1985 rivera"), "A");
        NAMES.put(seeds.chat("es", "Ver mi saldo",
                "mi cuenta es EH100587 y el código postal 30318"), "B");
        NAMES.put(seeds.sms(twilio, "+14045550121", "balance", "STOP"), "C");
        String d = seeds.chat("en", "I want to talk to a person");
        AgentClient agent = seeds.agent("search-agent@example-health.test");
        seeds.claim(agent, d);
        seeds.reply(agent, d, "Hello, how can I help?");
        seeds.close(agent, d, "resolved");
        agentId = agent.id();
        NAMES.put(d, "D");
        NAMES.put(seeds.chat("en", "my card is 4111 1111 1111 1111"), "E");
        CLOCK.advance(Duration.ofDays(3));
        NAMES.put(seeds.chat("en", "what do I owe?"), "F");
        seeds.summarize();
        // Signed in after the clock moved on: a session ends after 30 idle minutes.
        reviewer = Reviewer.demo(parley);
    }

    @AfterAll
    static void stop() {
        seeds.closeAgents();
        parley.close();
        twilio.close();
    }

    private static JsonNode search(String query) {
        return reviewer.getJson("/qa/api/conversations" + (query.isEmpty() ? "" : "?" + query));
    }

    private static List<String> found(String query) {
        List<String> names = new ArrayList<>();
        search(query).get("conversations").forEach(c -> names.add(NAMES.get(c.get("id")
                .asText())));
        return names;
    }

    @Test
    void withoutFiltersTheLastThirtyDaysComeNewestFirst() {
        JsonNode page = search("");

        assertEquals(List.of("F", "E", "D", "C", "B", "A"), found(""));
        assertEquals(6, page.get("total").asInt());
        assertEquals("2026-11-08", page.get("from").asText());
        assertEquals("2026-12-07", page.get("to").asText());
    }

    @Test
    void aDateRangeTakesTheConversationsStartedInIt() {
        assertEquals(List.of("F"), found("from=2026-12-05"));
        assertEquals(List.of("E", "D", "C", "B", "A"), found("from=2026-12-01&to=2026-12-04"));
        assertEquals(List.of(), found("from=2026-11-01&to=2026-11-30"));
    }

    @Test
    void channelLanguageFlowAndIntentEachNarrowTheSearch() {
        assertEquals(List.of("C"), found("channel=sms"));
        assertEquals(List.of("B"), found("language=es"));
        assertEquals(List.of("F", "E", "D", "A"), found("language=en&channel=webchat"));
        assertEquals(List.of("B", "A"), found("flow=check-balance"));
        assertEquals(List.of("D"), found("intent=talk_to_agent"));
    }

    @Test
    void aCommaListOfFlowsIntentsOrAgentsMatchesAnyOfThem() {
        assertEquals(List.of("D", "B", "A"), found("flow=check-balance,talk-to-agent"));
        assertEquals(List.of("D"), found("intent=talk_to_agent,no_such_intent"));
        assertEquals(List.of("D"), found("agent=" + agentId + ",agent-1"));
    }

    @Test
    void handoffAndAgentFindTheConversationsAPersonTookPartIn() {
        assertEquals(List.of("D"), found("handed=yes"));
        assertEquals(List.of("F", "E", "C", "B", "A"), found("handed=no"));
        assertEquals(List.of("D"), found("agent=" + agentId));
        assertEquals(List.of(), found("agent=agent-1"));
    }

    @Test
    void outcomesAndFlagsFindWhatMatters() {
        assertEquals(List.of("C"), found("outcome=opted_out"));
        assertEquals(List.of("E"), found("flag=card_number_masked"));
        // Three days on, A to E have ended; only C, which opted out, had an outcome.
        assertEquals(List.of("E", "D", "B", "A"), found("flag=no_outcome"));
        assertEquals(List.of("E", "D", "B", "A"), found("flag=any"));
        assertEquals(List.of("C"), found("outcome=paid,opted_out"));
        assertEquals(List.of(), found("channel=sms&flag=any"));
    }

    @Test
    void pagesAreCutFromTheSortedResult() {
        JsonNode second = search("sort=oldest&size=2&page=2");

        assertEquals(List.of("C", "D"), found("sort=oldest&size=2&page=2"));
        assertEquals(6, second.get("total").asInt());
        assertEquals(List.of("A"), found("size=5&page=2"));
        assertEquals(List.of(), found("size=5&page=3"));
    }

    @Test
    void scoresAndReviewsFilterAndSort() {
        String a = id("A");
        JsonNode scorecard = reviewer.getJson("/qa/api/conversations/" + a).get("scorecard");
        StringBuilder answers = new StringBuilder();
        scorecard.get("items").forEach(i -> answers.append(answers.isEmpty() ? "" : ",")
                .append('"').append(i.get("id").asText()).append("\":\"yes\""));
        reviewer.call("PUT", "/qa/api/conversations/" + a + "/review", "{\"answers\":{"
                + answers + "},\"version\":0}");

        assertEquals(List.of("A"), found("reviewed=yes"));
        assertEquals(List.of("A"), found("minScore=50"));
        assertEquals(List.of(), found("maxScore=50"));
        assertEquals("A", found("sort=-score").get(0));
        assertEquals(List.of("F", "E", "D", "C", "B"), found("reviewed=no"));
    }

    @Test
    void aWrongParameterIsRefusedNamingItAndWhatItTakes() {
        HttpResponse<String> unknown = reviewer.get("/qa/api/conversations?colour=red");
        HttpResponse<String> flag = reviewer.get("/qa/api/conversations?flag=rude");
        HttpResponse<String> dates = reviewer.get(
                "/qa/api/conversations?from=2026-12-05&to=2026-12-01");
        HttpResponse<String> wide = reviewer.get(
                "/qa/api/conversations?from=2025-01-01&to=2026-12-01");

        assertEquals(400, unknown.statusCode());
        assertEquals("'colour' is not a search parameter; use [clientId, from, to, channel, "
                + "language, flow, intent, handed, agent, outcome, flag, minScore, maxScore, "
                + "reviewed, sort, page, size]", message(unknown));
        assertEquals("'flag' cannot be 'rude'; use one of [balance_before_verification, "
                + "opt_out_not_honoured, slow_agent_reply, card_number_masked, "
                + "repeated_not_understood, no_outcome, any]", message(flag));
        assertEquals("'from' (2026-12-05) is after 'to' (2026-12-01); send from on or before to",
                message(dates));
        assertEquals("From 2025-01-01 to 2026-12-01 is more than 366 days; search at most a "
                + "year at a time", message(wide));
    }

    @Test
    void aChannelOrLanguageParleyDoesNotHaveIsRefusedNamingWhatItHas() {
        HttpResponse<String> fax = reviewer.get("/qa/api/conversations?channel=fax");
        HttpResponse<String> xx = reviewer.get("/qa/api/conversations?language=en,xx");

        assertEquals(400, fax.statusCode());
        assertEquals("'channel' cannot be 'fax'; use one of [webchat, sms, email]", message(fax));
        assertEquals(400, xx.statusCode());
        assertEquals("'language' cannot be 'xx'; use one of [ar, en, es, ko, ru, tl, vi, zh]",
                message(xx));
    }

    @Test
    void aParameterThatTakesOneValueIsRefusedWhenRepeatedAndAListOneAddsValues() {
        HttpResponse<String> twice = reviewer.get("/qa/api/conversations?sort=oldest&sort=newest");

        assertEquals(400, twice.statusCode());
        assertEquals("'sort' is given 2 times; give it once (only [channel, language, flow, "
                + "intent, agent, outcome, flag] take several values)", message(twice));
        assertEquals(List.of("C"), found("channel=sms&channel=email"));
    }

    @Test
    void aWeekThatHasNotEndedCannotBeFilledAndNothingIsStored() {
        HttpResponse<String> refused = reviewer.send("POST", "/qa/api/queue",
                "{\"week\":\"2026-W50\"}");

        assertEquals(400, refused.statusCode());
        assertEquals("Week 2026-W50 has not ended: it ends on 2026-12-14 at 00:00 UTC. Its "
                + "sample can be drawn from then on; fill an earlier week now", message(refused));
        assertEquals(0, seeds.db().getCollection("qa_queue").countDocuments(
                new org.bson.Document("week", "2026-W50")));
    }

    @Test
    void theWeeksQueueHoldsASampleOfEachGroupAndEveryFlaggedConversation() {
        JsonNode filled = reviewer.call("POST", "/qa/api/queue", "{\"week\":\"2026-W49\"}");
        JsonNode listed = reviewer.getJson("/qa/api/queue?week=2026-W49");

        List<String> sampled = new ArrayList<>();
        List<String> all = new ArrayList<>();
        filled.get("entries").forEach(e -> {
            String name = NAMES.get(e.get("conversation").get("id").asText());
            all.add(name);
            if (e.get("reason").asText().equals("sampled")) {
                sampled.add(e.get("group").asText() + " " + name);
            }
        });
        // 10% of the agent's one conversation and of the bot's four, each rounded up to one.
        assertEquals(2, sampled.size());
        assertEquals(true, sampled.contains(agentId + " D"), sampled.toString());
        assertEquals(true, sampled.stream().anyMatch(x -> x.matches("bot [ABCE]")),
                sampled.toString());
        assertEquals(true, all.containsAll(List.of("A", "B", "D", "E")), all.toString());
        assertEquals(filled, listed);
    }

    @Test
    void aClientTheReviewerDoesNotServeIsRefused() {
        HttpResponse<String> refused = reviewer.get("/qa/api/conversations?clientId=other");

        assertEquals(403, refused.statusCode());
        assertEquals("forbidden_client", Reviewer.json(refused.body()).get("error").asText());
    }

    private static String message(HttpResponse<String> response) {
        return Reviewer.json(response.body()).get("message").asText();
    }

    private static String id(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst()
                .orElseThrow().getKey();
    }
}
