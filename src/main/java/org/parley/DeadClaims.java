package org.parley;

import org.parley.conversation.ConversationStore;
import org.parley.outreach.Outbox;
import org.parley.store.Leases;
import org.parley.store.Store;

import java.time.Clock;
import java.time.Instant;

/**
 * The claims a stopped process left in the embedded store: its jobs' leases, and the outreach
 * sends and outbox messages its workers held. Only one process can open the embedded store's
 * file (H2 locks it, so a second start on the same data folder is refused), and a Parley that
 * shared the store through its wire address loses it with that process, since the next start
 * listens on another port. So at a start every lease in the store is a dead holder's: it is
 * ended at once rather than waited out (a job's minute, a send's two minutes, a text's 30 s),
 * and each claim is taken over as one whose lease ran out. With a real MongoDB other instances
 * may be at work under theirs: nothing is released there.
 */
final class DeadClaims {

    private static final System.Logger LOG = System.getLogger(DeadClaims.class.getName());

    private DeadClaims() {
    }

    /**
     * Releases every lease held in {@code store} when it is the embedded one; call before the
     * jobs and the senders start.
     */
    static void release(Store store, Outbox outbox, Clock clock) {
        if (!store.isEmbedded()) {
            return;
        }
        Instant now = clock.instant();
        long jobs = new Leases(store.database(), clock).releaseAll();
        int sends = outbox.releaseClaims();
        long messages = new ConversationStore(store.database()).releaseClaims(now);
        if (jobs + sends + messages > 0) {
            LOG.log(System.Logger.Level.INFO, "Released what the process that had this data "
                    + "folder before still held: {0} job leases, {1} outreach sends, {2} outbox "
                    + "messages; they are taken up again now", jobs, sends, messages);
        }
    }
}
