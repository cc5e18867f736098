package org.parley.outreach;

import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStore;

import java.util.stream.Stream;

/**
 * The conversation a send to an address goes into: the latest there, else a new one, found one
 * address at a time in this instance. Two workers saying sends of two accounts that share a
 * phone (a parent's number on the children's accounts) thus write into one conversation, as
 * one worker saying them in turn would, and their shared frequency cap is checked and counted
 * one send at a time.
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

    /**
     * What to hold while one address is written to: the sender holds it from the address's
     * frequency cap check to the send's count, so two workers sending to accounts that share
     * the address do not both pass the cap.
     */
    Object lock(String clientId, String channel, String address) {
        return locks[Math.floorMod((clientId + "|" + channel + "|" + address).hashCode(),
                locks.length)];
    }

    /** The id of the latest conversation at the address, opening one in {@code language}. */
    String latestOrOpen(String clientId, String channel, String address, String language) {
        synchronized (lock(clientId, channel, address)) {
            return store.findLatest(clientId, channel, address).map(Conversation::id)
                    .orElseGet(() -> conversations.open(clientId, channel, address, language));
        }
    }
}
