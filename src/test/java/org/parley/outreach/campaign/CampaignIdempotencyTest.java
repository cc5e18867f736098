package org.parley.outreach.campaign;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;
import static org.parley.outreach.campaign.CampaignFixture.campaign;
import static org.parley.outreach.campaign.CampaignFixture.json;

/**
 * A client retrying a campaign create (a timeout, a lost answer) names it with an
 * {@code Idempotency-Key}: the retry gets the campaign the first request made, not a second one.
 */
class CampaignIdempotencyTest extends CampaignCase {

    private static final String KEY = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    private static final String BODY = campaign("{\"list\": true}");

    @Test
    void theSameKeyAndBodyTwiceMakeOneCampaignAndTheRetryIsMarkedAReplay() {
        HttpResponse<String> first = create(KEY, BODY);

        HttpResponse<String> retry = create(KEY, BODY);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals(json(first), json(retry));
        assertEquals(Optional.empty(), first.headers().firstValue("Idempotent-Replayed"));
        assertEquals(Optional.of("true"), retry.headers().firstValue("Idempotent-Replayed"));
        assertEquals(List.of(json(first).get("id").asText()), ids());
    }

    @Test
    void theSameBodyWithItsFieldsInAnotherOrderAndSpacingIsTheSameBody() {
        String id = json(create(KEY, BODY)).get("id").asText();

        HttpResponse<String> retry = create(KEY, """
                {"end":"2027-01-06","start":"2026-12-07","audience":{"list":true},
                 "name":"December balances","steps":[
                  {"template":"campaign.reminder","channel":"sms","day":1,
                   "options":["pay","payment_plan"]},
                  {"template":"campaign.reminder","channel":"email","day":4},
                  {"template":"campaign.final","channel":"sms","day":30}]}""");

        assertEquals(id, json(retry).get("id").asText());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedNamingTheKeyAndNothingIsStored() {
        String id = json(create(KEY, BODY)).get("id").asText();

        HttpResponse<String> other = create(KEY, BODY.replace("December balances", "January"));

        assertEquals(409, other.statusCode(), other.body());
        assertEquals("idempotency_key_reused", json(other).get("error").asText());
        assertEquals("The Idempotency-Key '" + KEY + "' was used for campaign " + id + " with "
                + "another body; send that campaign's body again to get it, or a new key for a "
                + "new campaign", json(other).get("message").asText());
        assertEquals(List.of(id), ids());
    }

    @Test
    void eightCreatesAtOnceWithOneKeyMakeOneCampaign() {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> creates = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return create(KEY, BODY);
                })).toList();

        go.countDown();
        List<HttpResponse<String>> answers = creates.stream().map(CompletableFuture::join)
                .toList();

        List<String> ids = ids();
        assertEquals(1, ids.size());
        answers.forEach(a -> assertEquals(201, a.statusCode(), a.body()));
        answers.forEach(a -> assertEquals(ids.get(0), json(a).get("id").asText()));
        assertEquals(7, answers.stream().filter(a -> a.headers()
                .firstValue("Idempotent-Replayed").isPresent()).count());
    }

    @Test
    void aRetryAfterADeathBetweenTheKeyAndTheCampaignMakesTheCampaignUnderTheKeysId() {
        f.parley.parley().store().database().getCollection("campaign_keys").insertOne(
                new Document("_id", CampaignFixture.CLIENT + "|" + KEY)
                        .append("campaignId", "cmp-died2345ab")
                        .append("digest", CampaignKeys.digest(tree(BODY))));

        HttpResponse<String> retry = create(KEY, BODY);
        HttpResponse<String> again = create(KEY, BODY);

        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals("cmp-died2345ab", json(retry).get("id").asText());
        assertEquals(Optional.empty(), retry.headers().firstValue("Idempotent-Replayed"));
        assertEquals(Optional.of("true"), again.headers().firstValue("Idempotent-Replayed"));
        assertEquals(List.of("cmp-died2345ab"), ids());
    }

    @Test
    void aBodyRefusedWithA400DoesNotTakeTheKey() {
        HttpResponse<String> wrong = create(KEY, BODY.replace("2026-12-07", "2026-12-01"));

        HttpResponse<String> fixed = create(KEY, BODY);

        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals(201, fixed.statusCode(), fixed.body());
        assertEquals(1, ids().size());
    }

    @Test
    void aKeyOfMoreThan255CharactersIsRefusedNamingTheHeader() {
        HttpResponse<String> res = create("k".repeat(256), BODY);

        assertEquals(400, res.statusCode(), res.body());
        assertEquals("invalid_idempotency_key", json(res).get("error").asText());
        assertEquals("The Idempotency-Key header is 1 to 255 printable ASCII characters, not 256 "
                + "characters; send a new UUID for each campaign, and the same one when you "
                + "retry it", json(res).get("message").asText());
        assertEquals(List.of(), ids());
    }

    @Test
    void withoutAKeyTheSameBodyTwiceMakesTwoCampaignsAsBefore() {
        f.create(BODY);
        f.create(BODY);

        assertEquals(2, ids().size());
    }

    private HttpResponse<String> create(String key, String body) {
        return f.parley.send(HttpRequest.newBuilder(f.parley.http(BASE))
                .header("Authorization", "Bearer " + TestParley.TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private List<String> ids() {
        List<String> ids = new java.util.ArrayList<>();
        json(f.get(BASE)).get("campaigns").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
