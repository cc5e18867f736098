package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.plans.MissedPaymentSweep;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

/**
 * Brings held sends forward when what held them lifts: a balance file that clears an account's
 * hold, or the decision on the assistance application that paused its collection messages. The
 * account's sends whose latest hold was that one become due at once; the sender checks them
 * again as it checks every send (contact hours, caps, another hold). Each release is recorded
 * on the send in {@code releases} as {@code {reason, at}}.
 */
final class Releases {

    /** The release reason when a balance file lifted the account's hold. */
    static final String HOLD_LIFTED = "account_hold_lifted";
    /** The release reason when the account's assistance application was decided. */
    static final String ASSISTANCE_DECIDED = "assistance_decided";

    private static final System.Logger LOG = System.getLogger(Releases.class.getName());

    private final MongoCollection<Document> sends;
    private final DueSends due;
    private final MissedPaymentSweep.CollectionPause pause;
    private final Clock clock;

    Releases(Outbox outbox, MissedPaymentSweep.CollectionPause pause, Clock clock) {
        this.sends = outbox.collection();
        this.due = outbox.due();
        this.pause = pause;
        this.clock = clock;
    }

    /** The account's sends held for its balance file's hold become due now. */
    int holdLifted(String clientId, String account) {
        return release(clientId, account, reason -> reason.startsWith("account_hold:"),
                HOLD_LIFTED);
    }

    /**
     * The account's sends held for a pending assistance application become due now, unless
     * another of its applications still pauses collection messages.
     */
    int assistanceDecided(String clientId, String account) {
        if (pause.paused(clientId, account)) {
            return 0;
        }
        return release(clientId, account, "assistance_pending"::equals, ASSISTANCE_DECIDED);
    }

    private int release(String clientId, String account, Predicate<String> heldFor,
                        String why) {
        Instant now = clock.instant();
        int released = 0;
        // A paused campaign's sends (pausedAt) wait for the campaign, whatever held them before.
        for (Document d : sends.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("account", account), Filters.eq("status", "scheduled"),
                        Filters.eq("pausedAt", null), Filters.gt("dueAt", Date.from(now))))
                .projection(Projections.include("dueAt", "holds"))) {
            List<Document> holds = d.getList("holds", Document.class, List.of());
            if (holds.isEmpty() || !heldFor.test(holds.get(holds.size() - 1).getString("reason"))) {
                continue;
            }
            // Conditioned on the due time read: a send claimed or held again meanwhile is left.
            long moved = sends.updateOne(Filters.and(Filters.eq("_id", d.get("_id")),
                    Filters.eq("status", "scheduled"), Filters.eq("dueAt", d.getDate("dueAt"))),
                    Updates.combine(Updates.set("dueAt", Date.from(now)),
                            Updates.push("releases", new Document("reason", why)
                                    .append("at", Date.from(now))))).getModifiedCount();
            if (moved == 1) {
                due.enter(clientId, d.getString("_id"), now);
            }
            released += (int) moved;
        }
        int count = released;
        LOG.log(System.Logger.Level.DEBUG, () -> "outreach released reason=" + why + " client="
                + clientId + " sends=" + count);
        return released;
    }
}
