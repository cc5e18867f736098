package org.parley.outreach.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.parley.BadInputException;
import org.parley.store.DuplicateKey;
import org.parley.web.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code Idempotency-Key}s of campaign creates, in {@code campaign_keys}: one document per
 * client and key ({@code _id} {@code clientId|key}) naming the campaign id the key stands for and
 * a digest of the body it came with. It is written before the campaign, with the id the campaign
 * is then stored under, so two requests with one key store one campaign (the second insert of
 * that id fails), and a process that dies between the two leaves a key whose retry stores the
 * campaign under that id.
 */
final class CampaignKeys {

    /** The request header a client names its create with. */
    static final String HEADER = "Idempotency-Key";
    /** The response header that marks a create answered from an earlier one. */
    static final String REPLAYED = "Idempotent-Replayed";
    /** The longest key taken. */
    static final int MAX_LENGTH = 255;

    // Sorted properties: the same JSON object with its keys in another order is the same body.
    private static final ObjectWriter CANONICAL = Json.MAPPER.writer()
            .with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private final MongoCollection<Document> keys;

    CampaignKeys(MongoDatabase db) {
        this.keys = db.getCollection("campaign_keys");
    }

    /**
     * The key as sent, checked: 1 to {@value #MAX_LENGTH} printable ASCII characters.
     *
     * @throws BadInputException naming the header otherwise
     */
    static String check(String key) {
        boolean printable = key.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
        if (key.isBlank() || key.length() > MAX_LENGTH || !printable) {
            throw new BadInputException("invalid_idempotency_key", "The " + HEADER + " header "
                    + "is 1 to " + MAX_LENGTH + " printable ASCII characters, not "
                    + (printable ? key.length() + " characters" : "one with other characters")
                    + "; send a new UUID for each campaign, and the same one when you retry it");
        }
        return key;
    }

    /** What identifies a body across retries: its JSON, whatever its spacing and key order. */
    static String digest(JsonNode body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest a campaign body", e);
        }
    }

    /**
     * The campaign id {@code key} was taken for, when an earlier request took it.
     *
     * @throws CampaignConflict when that request sent another body
     */
    Optional<String> taken(String clientId, String key, String digest) {
        // A plain document on _id: one lookup by key on the embedded store.
        Document d = keys.find(new Document("_id", id(clientId, key))).first();
        if (d == null) {
            return Optional.empty();
        }
        if (!digest.equals(d.getString("digest"))) {
            throw new CampaignConflict("idempotency_key_reused", "The " + HEADER + " '" + key
                    + "' was used for campaign " + d.getString("campaignId") + " with another "
                    + "body; send that campaign's body again to get it, or a new key for a new "
                    + "campaign");
        }
        return Optional.of(d.getString("campaignId"));
    }

    /**
     * Takes {@code key} for {@code campaignId}; answers the campaign id it stands for, which is
     * an earlier request's when that one took it first.
     *
     * @throws CampaignConflict when that request sent another body
     */
    String take(String clientId, String key, String digest, String campaignId, Instant now) {
        try {
            keys.insertOne(new Document("_id", id(clientId, key)).append("clientId", clientId)
                    .append("key", key).append("campaignId", campaignId).append("digest", digest)
                    .append("at", Date.from(now)));
            return campaignId;
        } catch (MongoWriteException e) {
            if (!DuplicateKey.is(e)) {
                throw e;
            }
            return taken(clientId, key, digest).orElseThrow();
        }
    }

    private static String id(String clientId, String key) {
        return clientId + "|" + key;
    }
}
