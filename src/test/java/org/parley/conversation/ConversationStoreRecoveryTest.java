package org.parley.conversation;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.Parley;
import org.parley.config.ParleyConfig;
import org.parley.dialog.DialogState;
import org.parley.store.Store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conversation store under the failures and races its cheap lookups must survive: a writer
 * that died between its writes, and first texts from one phone arriving at once.
 */
class ConversationStoreRecoveryTest {

    private static final String CLIENT = "example-health";
    private static final String PHONE = "+15555550142";
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    @TempDir
    Path data;
    Store store;
    ConversationService conversations;
    ConversationStore stored;

    @BeforeEach
    void open() {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_HOST", "127.0.0.1");
        ParleyConfig config = ParleyConfig.load(env).with(0, data, Optional.of("test-token"));
        store = Store.embedded(data, "test");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        conversations = Parley.services(config, store, Parley.loadContent(config), clock,
                new SecureRandom()).conversations();
        stored = new ConversationStore(store.database());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ConversationService.Received text(String messageId, String text) {
        return conversations.receiveFrom(CLIENT, "sms", PHONE, () -> "en", messageId, text);
    }

    @Test
    void turnAfterAWriterDiedBetweenItsTwoWritesTakesTheNextFreeSeq() {
        text("SM1", "hi");
        Conversation before = stored.findLatest(CLIENT, "sms", PHONE).orElseThrow();
        long taken = before.nextSeq();
        // A writer stored its message at nextSeq and died before updating the conversation.
        stored.insert(List.of(new Message(before.id(), taken, "patient", "lost", List.of(),
                Optional.empty(), Optional.of("SM-dead"), NOW)), List.of("patient:SM-dead"), "sms",
                PHONE);

        ConversationService.Received next = text("SM2", "balance");

        assertEquals(taken + 1, next.seq());
        assertEquals("lost", conversations.messages(before.id()).stream()
                .filter(m -> m.seq() == taken).findFirst().orElseThrow().text());
        Conversation after = stored.findLatest(CLIENT, "sms", PHONE).orElseThrow();
        assertEquals(next.seq() + next.messages().size(), after.nextSeq());
    }

    @Test
    void firstTextsFromOnePhoneArrivingTogetherOpenOneConversation() throws Exception {
        int texts = 8;
        CountDownLatch ready = new CountDownLatch(texts);
        ExecutorService pool = Executors.newFixedThreadPool(texts);
        try {
            List<Future<ConversationService.Received>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < texts; i++) {
                String id = "SM-race-" + i;
                sent.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return text(id, "hi");
                }));
            }
            Set<Long> seqs = ConcurrentHashMap.newKeySet();
            for (Future<ConversationService.Received> f : sent) {
                seqs.add(f.get(30, TimeUnit.SECONDS).seq());
            }

            assertEquals(texts, seqs.size(), "every text got its own seq in one conversation");
            assertEquals(1, store.database().getCollection("conversations")
                    .countDocuments(new Document("address", PHONE)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addressKeyLeftWithoutItsConversationGetsThatConversationOnTheNextText() {
        // A writer stored the address's key and died before the conversation.
        store.database().getCollection("conversation_keys").insertOne(
                new Document("_id", CLIENT + "|sms|" + PHONE).append("conversationId", "c-left"));

        text("SM1", "hi");

        assertEquals("c-left", stored.findLatest(CLIENT, "sms", PHONE).orElseThrow().id());
        assertTrue(conversations.messages("c-left").size() > 1);
    }

    @Test
    void conversationsStoredBeforeAddressKeysExistedAreStillContinued() {
        MongoDatabase db = store.database();
        stored.create(new Conversation("c-old", CLIENT, "sms", PHONE, DialogState.initial("en"),
                "", 1, 1, NOW.minusSeconds(60), NOW.minusSeconds(60)));
        stored.create(new Conversation("c-newer", CLIENT, "sms", PHONE, DialogState.initial("en"),
                "", 1, 1, NOW, NOW));
        db.getCollection("conversation_keys").drop();

        ConversationStore reopened = new ConversationStore(db);

        assertEquals("c-newer", reopened.findLatest(CLIENT, "sms", PHONE).orElseThrow().id());
        assertEquals("c-newer", conversations.receiveFrom(CLIENT, "sms", PHONE, () -> "en",
                "SM1", "hi").messages().get(0).conversationId());
    }
}
