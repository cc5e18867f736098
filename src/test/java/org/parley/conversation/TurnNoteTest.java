package org.parley.conversation;

import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bot answer carries what its turn read and decided, for reviewers. */
class TurnNoteTest {

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
    void theFirstAnswerOfEachTurnCarriesIntentConfidenceStepsEntitiesAndVerification() {
        String id;
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            say(chat, "what do I owe?");
            say(chat, "3/14/1985 rivera");
            say(chat, "blorp zzz");
            id = chat.conversationId();
        }

        List<Document> notes = notes(id);
        assertEquals(4, notes.size());
        Document opening = notes.get(0);
        assertEquals(List.of("main.welcome", "main.menu"), opening.getList("steps", String.class));
        assertNull(opening.getString("intent"));
        assertNull(opening.getString("gate"));

        Document balance = notes.get(1);
        assertEquals("check_balance", balance.getString("intent"));
        assertTrue(balance.getDouble("confidence") > 0.5, balance.toJson());
        assertEquals("pass", balance.getString("gate"));
        assertEquals(List.of("verify-identity.identify", "verify-identity.ask",
                "verify-identity.collect"), balance.getList("steps", String.class));
        assertEquals("verify-identity", balance.getString("flow"));
        assertFalse(balance.getBoolean("verified"));

        Document verified = notes.get(2);
        assertEquals("verified", verified.getString("outcome"));
        assertNull(verified.getString("intent"));
        assertEquals(List.of("date_of_birth", "last_name"),
                verified.getList("entities", String.class));
        assertTrue(verified.getBoolean("verified"));
        assertEquals("verify-identity.confirmed",
                verified.getList("steps", String.class).get(0));
        assertTrue(verified.getList("steps", String.class).contains("check-balance.show"),
                verified.toJson());
        assertTrue(verified.getBoolean("understood"));
        assertEquals("en", verified.getString("language"));

        Document gibberish = notes.get(3);
        assertFalse(gibberish.getBoolean("understood"));
        assertFalse(gibberish.getBoolean("cardMasked"));
    }

    @Test
    void aTurnThatMaskedACardNumberSaysSo() {
        String id;
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            say(chat, "my card is 4111 1111 1111 1111");
            id = chat.conversationId();
        }

        Document note = notes(id).get(1);
        assertTrue(note.getBoolean("cardMasked"));
    }

    /** Reads every message stored so far, then says {@code text}. */
    private static void say(ChatClient chat, String text) {
        while (chat.lastSeq() < parley.parley().services().conversations()
                .lastSeq(chat.conversationId())) {
            chat.next("message");
        }
        chat.say(text);
    }

    private static List<Document> notes(String conversationId) {
        List<Document> notes = new ArrayList<>();
        parley.parley().store().database().getCollection("messages")
                .find(new Document("conversationId", conversationId))
                .sort(Sorts.ascending("seq"))
                .forEach(d -> {
                    if (d.get("turn") != null) {
                        notes.add(d.get("turn", Document.class));
                    }
                });
        return notes;
    }
}
