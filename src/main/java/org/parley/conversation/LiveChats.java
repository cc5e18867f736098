package org.parley.conversation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The web chat pages open on this instance, by conversation: what is pushed to them outside a
 * patient's turn (notices, agents' replies, a person typing). A page that is closed misses
 * nothing stored; it gets that on resume.
 */
final class LiveChats {

    private static final System.Logger LOG = System.getLogger(LiveChats.class.getName());

    private final ConversationStore store;
    private final Map<String, List<Consumer<List<Message>>>> listeners =
            new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> typingListeners = new ConcurrentHashMap<>();

    LiveChats(ConversationStore store) {
        this.store = store;
    }

    /** Hands the messages pushed to {@code conversationId} to {@code sink} while it is open. */
    AutoCloseable listen(String conversationId, Consumer<List<Message>> sink) {
        return add(listeners, conversationId, sink);
    }

    /** Tells {@code sink} a person is typing on {@code conversationId} while it is open. */
    AutoCloseable listenTyping(String conversationId, Runnable sink) {
        return add(typingListeners, conversationId, sink);
    }

    private static <S> AutoCloseable add(Map<String, List<S>> all, String conversationId,
                                         S sink) {
        all.computeIfAbsent(conversationId, k -> new CopyOnWriteArrayList<>()).add(sink);
        return () -> all.computeIfPresent(conversationId, (k, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }

    /** A person is typing a message to the patient of {@code conversationId}. */
    void typing(String conversationId) {
        for (Runnable sink : typingListeners.getOrDefault(conversationId, List.of())) {
            try {
                sink.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Typing signal to a listener failed", e);
            }
        }
    }

    /** Hands the messages stored after {@code afterSeq} to the pages open here. */
    void deliverStored(String conversationId, long afterSeq) {
        if (listeners.containsKey(conversationId)) {
            // The patient's own messages reach their page with its acknowledgement.
            push(conversationId, store.messagesAfter(conversationId, afterSeq).stream()
                    .filter(m -> !m.from().equals("patient")).toList());
        }
    }

    /** Hands {@code messages}, just stored, to the pages of {@code conversationId} open here. */
    void push(String conversationId, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        for (Consumer<List<Message>> sink : listeners.getOrDefault(conversationId, List.of())) {
            try {
                sink.accept(messages);
            } catch (RuntimeException e) {
                // A page that went away is the page's problem; the messages are stored.
                LOG.log(System.Logger.Level.DEBUG, "Push to a listener failed", e);
            }
        }
    }
}
