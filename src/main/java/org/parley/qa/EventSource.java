package org.parley.qa;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A feature that keeps events of its own about conversations (the agent console's claims,
 * transfers and notes, for example) and shows them in the QA console's timelines, summaries and
 * flags. Register one with {@link Qa#addSource(EventSource)}.
 */
public interface EventSource {

    /**
     * The events of each of {@code conversationIds} that have any, oldest first. Called with
     * up to a few hundred ids at once; answer with one query, not one per id.
     */
    Map<String, List<QaEvent>> events(Collection<String> conversationIds);
}
