package org.parley.conversation;

import com.mongodb.client.MongoDatabase;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The texts this process's SMS sender has marked handed over to Twilio but not yet put on
 * their request: waiting for their step, or for the next one after a busy machine woke them
 * late. The store says such a text goes ({@link ConversationStore#HANDED}); here, in memory, a
 * pause or cancel in the same process can still take it back, and of the take-back and the
 * request's last look exactly one wins. Another process's texts are not here: those go.
 *
 * <p>One per database handle ({@link #of}), so that the sender and the take-back of one
 * process, each made over the same handle, share it.
 */
public final class HeldTexts {

    private static final Map<MongoDatabase, HeldTexts> BY_DATABASE =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Each held text's key, and whether it still goes (false: taken back). */
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();

    private HeldTexts() {
    }

    /** The held texts of the process that reaches the store through {@code db}. */
    public static HeldTexts of(MongoDatabase db) {
        return BY_DATABASE.computeIfAbsent(db, d -> new HeldTexts());
    }

    /** The sender marked message {@code seq} of the conversation handed over. */
    public void hold(String conversationId, long seq) {
        held.put(key(conversationId, seq), Boolean.TRUE);
    }

    /**
     * The request's last look, just before it goes: true when the text goes, false when a
     * pause or cancel took it back. The text is no longer held either way.
     */
    public boolean release(String conversationId, long seq) {
        return !Boolean.FALSE.equals(held.remove(key(conversationId, seq)));
    }

    /** The sender let go of the text without a request (it lapsed, or is closing). */
    public void forget(String conversationId, long seq) {
        held.remove(key(conversationId, seq));
    }

    /** Takes the text back; false when it is not held here (gone, or never held). */
    boolean takeBack(String conversationId, long seq) {
        return held.replace(key(conversationId, seq), Boolean.TRUE, Boolean.FALSE);
    }

    /** The keys ({@code conversationId + "#" + seq}) of the texts held and not taken back. */
    Set<String> keys() {
        return held.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static String key(String conversationId, long seq) {
        return conversationId + "#" + seq;
    }
}
