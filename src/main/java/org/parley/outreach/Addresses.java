package org.parley.outreach;

import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStore;

import java.util.stream.Stream;

/**
 * The conversation a send to an address goes into: the latest there, else a new one, found one
 * address at a time in this instance. Two workers saying sends of two accounts that share a
 * phone (a parent's number on the children's accounts) thus write into one conversation, as
 * one worker saying them in turn would.
 */
final class Addresses {

    private final ConversationStore store;
    private final ConversationService conversations;
    /** Striped by address, so that the workers of other addresses do not wait. */
    private final Object[] locks = Stream.generate(Object::new).limit(64).toArray();

    Addresses(ConversationStore store, ConversationService conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    /** The id of the latest conversation at the address, opening one in {@code language}. */
    String latestOrOpen(String clientId, String channel, String address, String language) {
        Object lock = locks[Math.floorMod((clientId + "|" + channel + "|" + address).hashCode(),
                locks.length)];
        synchronized (lock) {
            return store.findLatest(clientId, channel, address).map(Conversation::id)
                    .orElseGet(() -> conversations.open(clientId, channel, address, language));
        }
    }
}
