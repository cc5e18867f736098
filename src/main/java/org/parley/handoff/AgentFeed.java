package org.parley.handoff;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What agent consoles hear about, on every instance: a message stored in a conversation, a
 * change to the queue, a person typing. An event carries ids only; a listener reads what it
 * needs from the store, so an event heard twice, or late, does no harm.
 *
 * <p>An event published here reaches this instance's listeners at once; how it reaches the
 * other instances is the subclass's part ({@link PollingFeed}, {@link ChangeStreamFeed}).
 * Listeners are called one event at a time, in order, on the feed's own thread.
 */
public abstract class AgentFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentFeed.class.getName());

    /** What happened. */
    public enum Kind {
        /** A message was stored in the conversation, numbered {@code seq}. */
        MESSAGE,
        /** A handoff was queued, claimed, moved or closed. */
        QUEUE,
        /** A person is typing to the patient of the conversation. */
        TYPING,
        /**
         * A staff member was created or changed; the event's {@code conversationId} carries the
         * member's id. Consoles of a member who may no longer use them are closed.
         */
        STAFF
    }

    /** The origin of an event heard from the store itself rather than published. */
    public static final String STORE = "store";

    /**
     * One event.
     *
     * @param seq    for {@link Kind#MESSAGE}, the seq of the first message stored; else 0
     * @param origin the instance that published it, or {@link #STORE}
     */
    public record Event(Kind kind, String conversationId, long seq, String origin) {
    }

    /** This instance's id, so that its own events coming back from the store are skipped. */
    protected final String instance = "instance-" + UUID.randomUUID();
    private final List<Consumer<Event>> sinks = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parley-agent-feed");
        t.setDaemon(true);
        return t;
    });

    /** A feed that reaches this instance only: for a single instance and for tests. */
    public static AgentFeed local() {
        return new AgentFeed() {
            @Override
            protected void share(Event event) {
            }
        };
    }

    /** Tells every instance, this one first. */
    public final void publish(Kind kind, String conversationId, long seq) {
        Event event = new Event(kind, conversationId, seq, instance);
        deliver(event);
        try {
            share(event);
        } catch (RuntimeException e) {
            // The store is the truth: consoles catch up at their next refresh.
            LOG.log(System.Logger.Level.WARNING, "Sharing an agent event with other instances "
                    + "failed for conversation " + conversationId, e);
        }
    }

    /** Makes {@code event} known to the other instances. */
    protected abstract void share(Event event);

    /** True for an event another instance published: what it stored, this one has not shown. */
    public boolean fromElsewhere(Event event) {
        return !instance.equals(event.origin()) && !STORE.equals(event.origin());
    }

    /** Hands an event to this instance's listeners, skipping this instance's own coming back. */
    protected final void received(Event event) {
        if (!instance.equals(event.origin())) {
            deliver(event);
        }
    }

    private void deliver(Event event) {
        if (delivery.isShutdown()) {
            return;
        }
        delivery.execute(() -> {
            for (Consumer<Event> sink : sinks) {
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "An agent event listener failed on "
                            + "conversation " + event.conversationId(), e);
                }
            }
        });
    }

    /** Hears every event while the returned handle is open. */
    public AutoCloseable subscribe(Consumer<Event> sink) {
        sinks.add(sink);
        return () -> sinks.remove(sink);
    }

    /** Starts hearing the other instances. */
    public void start() {
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
