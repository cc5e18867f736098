package org.parley.assistance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.compliance.QuietHours;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Reply;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells patients when their application changes, in their language, in the conversation where
 * they proved who they are (never an unverified one). Each change is queued in
 * {@code assistance_notices} and said at most once; when several wait for one application only
 * the latest is said. Texts wait for the patient's contact hours; web chat gets them at once.
 */
public final class StatusNotices {

    private static final System.Logger LOG = System.getLogger(StatusNotices.class.getName());

    private final MongoCollection<Document> notices;
    private final ConversationService conversations;
    private final Applications applications;
    private final AccountStore accounts;
    private final StatusWords words;
    private final QuietHours hours;
    private final AuditLog audit;
    private final Clock clock;
    private volatile java.util.function.BiConsumer<Application, String> unreached = (a, id) -> { };

    StatusNotices(MongoDatabase db, ConversationService conversations, Applications applications,
                  AccountStore accounts, StatusWords words, QuietHours hours, AuditLog audit,
                  Clock clock) {
        this.notices = db.getCollection("assistance_notices");
        this.conversations = conversations;
        this.applications = applications;
        this.accounts = accounts;
        this.words = words;
        this.hours = hours;
        this.audit = audit;
        this.clock = clock;
        notices.createIndex(Indexes.ascending("state", "createdAt"));
    }

    /** Told of a change no verified conversation can carry, with the notice's id (outreach). */
    public void whenUnreached(java.util.function.BiConsumer<Application, String> unreached) {
        this.unreached = unreached;
    }

    /** Queues the application's latest change to be told, and tells what may be told now. */
    void announce(Application app) {
        int index = app.history().size() - 1;
        try {
            notices.insertOne(new Document("_id", app.clientId() + ":" + app.id() + ":" + index)
                    .append("clientId", app.clientId())
                    .append("applicationId", app.id())
                    .append("index", index)
                    .append("state", "pending")
                    .append("createdAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        flush();
    }

    /**
     * Tells every waiting change that may be told now; the rest keep waiting.
     *
     * @return how many notices were said
     */
    public int flush() {
        Map<String, List<Document>> byApplication = new LinkedHashMap<>();
        notices.find(Filters.eq("state", "pending")).sort(Sorts.ascending("createdAt", "_id"))
                .forEach(d -> byApplication.computeIfAbsent(d.getString("clientId") + ":"
                        + d.getString("applicationId"), k -> new ArrayList<>()).add(d));
        int said = 0;
        for (List<Document> waiting : byApplication.values()) {
            // The patient needs where the application stands now, not each step on the way.
            waiting.sort(java.util.Comparator.comparingInt(d -> d.getInteger("index")));
            for (Document older : waiting.subList(0, waiting.size() - 1)) {
                close(older, "skipped", "superseded", Optional.empty());
            }
            said += deliver(waiting.get(waiting.size() - 1)) ? 1 : 0;
        }
        return said;
    }

    private boolean deliver(Document notice) {
        String clientId = notice.getString("clientId");
        Optional<Application> found = applications.find(clientId,
                notice.getString("applicationId"));
        if (found.isEmpty()) {
            close(notice, "skipped", "no_application", Optional.empty());
            return false;
        }
        Application app = found.get();
        if (!applications.settings().get(clientId).notifyPatients()) {
            close(notice, "skipped", "notices_off", Optional.empty());
            return false;
        }
        Optional<Conversation> verified = conversations.latestVerified(clientId,
                app.accountNumber());
        if (verified.isEmpty()) {
            close(notice, "skipped", "no_verified_conversation", Optional.empty());
            unreached.accept(app, notice.getString("_id"));
            return false;
        }
        Conversation conversation = verified.get();
        if (conversation.channel().equals("sms") && !hours.allows(clock.instant(), zone(app))) {
            return false;
        }

        int index = notice.getInteger("index");
        Reply reply = new Reply("assistance.status." + app.history().get(index).status().code(),
                words.args(app, index, conversation.dialog().language(), conversation.channel()),
                List.of());
        conversations.notify(conversation.id(), new ConversationService.Notice(
                "assistance:" + app.id() + ":" + index, List.of(reply), Optional.empty()));
        close(notice, "sent", "", Optional.of(conversation.id()));
        if (app.history().get(index).status() == ApplicationStatus.APPROVED) {
            audit.record("balance_disclosed", "bot", clientId, app.accountNumber(),
                    conversation.id());
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Assistance notice for " + app.id()
                + " said in conversationId=" + conversation.id());
        return true;
    }

    /** The patient's zone when their address tells it; otherwise unknown (the strict rule). */
    private Optional<ZoneId> zone(Application app) {
        return accounts.find(app.clientId(), app.accountNumber())
                .flatMap(a -> Region.ofZip(a.zip()).zone());
    }

    private void close(Document notice, String state, String why, Optional<String> conversation) {
        Instant now = clock.instant();
        notices.updateOne(Filters.and(Filters.eq("_id", notice.get("_id")),
                        Filters.eq("state", "pending")),
                Updates.combine(Updates.set("state", state), Updates.set("why", why),
                        Updates.set("conversationId", conversation.orElse(null)),
                        Updates.set("closedAt", Date.from(now))));
    }

    /** Every notice of the client's application, oldest first, for tests and operators. */
    List<Document> of(String clientId, String applicationId) {
        return notices.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("applicationId", applicationId)))
                .sort(Sorts.ascending("index")).into(new ArrayList<>());
    }
}
