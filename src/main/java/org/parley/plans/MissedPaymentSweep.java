package org.parley.plans;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.QuietHours;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Reply;
import org.parley.handoff.AgentTasks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds plan installments past their grace days, marks them missed (breaking the plan when the
 * rules say so), queues a task for a person, and tells the patient in their language, on the
 * channel where they proved who they are, what they can do: pay now, change the plan or talk
 * to a person. Run under a lease by {@link org.parley.store.Jobs}; every step is safe to repeat.
 *
 * <p>The patient is told only between 8 a.m. and 9 p.m. (in every continental US zone, since
 * Parley does not know theirs), and not while collections on the account are paused; a notice
 * waits in {@code missed_notices} until it may go.
 */
public final class MissedPaymentSweep {

    /** The flow step a missed-payment notice leads to, and the options it offers. */
    public static final String CHOOSE_STEP = "missed-payment.choose";
    public static final List<String> OPTIONS = List.of("pay", "payment_plan", "talk_to_agent");

    private static final System.Logger LOG = System.getLogger(MissedPaymentSweep.class.getName());

    /** Whether collection messages to an account are paused, as while assistance is pending. */
    @FunctionalInterface
    public interface CollectionPause {
        boolean paused(String clientId, String accountNumber);
    }

    /**
     * Told of a missed installment whose patient has no conversation in which they proved who
     * they are: outreach writes to them instead, generically, once per installment.
     */
    @FunctionalInterface
    public interface Unreached {
        void missed(String clientId, String account, String noticeId, BigDecimal amount,
                    LocalDate due);
    }

    /** What one run did, for logs and tests. */
    public record Result(int missed, int broken, int told, int waiting) {
    }

    private final PlanStore plans;
    private final ClientStore clients;
    private final ConversationService conversations;
    private final AgentTasks tasks;
    private final QuietHours hours;
    private final CollectionPause pause;
    private final MongoCollection<Document> notices;
    private final Clock clock;
    private volatile Unreached unreached = (clientId, account, noticeId, amount, due) -> { };

    public MissedPaymentSweep(PlanStore plans, ClientStore clients,
                              ConversationService conversations, AgentTasks tasks,
                              QuietHours hours, CollectionPause pause, MongoDatabase db,
                              Clock clock) {
        this.plans = plans;
        this.clients = clients;
        this.conversations = conversations;
        this.tasks = tasks;
        this.hours = hours;
        this.pause = pause;
        this.notices = db.getCollection("missed_notices");
        this.clock = clock;
        notices.createIndex(Indexes.ascending("status"));
    }

    /** Tells {@code unreached} of notices no verified conversation can carry; call when wiring. */
    public MissedPaymentSweep whenUnreached(Unreached unreached) {
        this.unreached = unreached;
        return this;
    }

    /** One pass: marks what is newly missed, then tells every patient who may be told now. */
    public Result run() {
        Instant now = clock.instant();
        int missed = 0;
        int broken = 0;
        // A plan whose client's day is already tomorrow somewhere ahead of UTC is looked at too;
        // each plan is then held to its client's own date.
        for (Plan candidate : plans.activeDueBefore(LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1))) {
            Optional<Client> client = clients.find(candidate.clientId());
            if (client.isEmpty()) {
                continue;
            }
            LocalDate today = LocalDate.ofInstant(now, client.get().timeZone());
            Plan plan = candidate;
            for (PlanInstallment due : candidate.installments()) {
                if (due.state() != PlanInstallment.State.DUE
                        || !plan.rules().missed(due.due(), today)) {
                    continue;
                }
                plan = markMissed(plan, due.number());
                missed++;
                boolean nowBroken = plan.status() == Plan.Status.BROKEN;
                broken += nowBroken ? 1 : 0;
                queue(plan, due, nowBroken);
                if (nowBroken) {
                    break;
                }
            }
        }
        int told = 0;
        int waiting = 0;
        for (Document notice : notices.find(Filters.eq("status", "waiting"))) {
            if (tell(notice, now)) {
                told++;
            } else {
                waiting++;
            }
        }
        Result result = new Result(missed, broken, told, waiting);
        LOG.log(System.Logger.Level.INFO, "Missed-payment sweep: {0} missed, {1} plans broken, "
                + "{2} patients told, {3} notices waiting", missed, broken, told, waiting);
        return result;
    }

    private Plan markMissed(Plan plan, int number) {
        for (int attempt = 1; ; attempt++) {
            try {
                return plans.markMissed(plan.id(), plan.version(), number);
            } catch (PlanConflict e) {
                // A payment or a change landed meanwhile: look again at the plan as it is now.
                Plan now = plans.find(plan.id()).orElseThrow();
                if (attempt == 3 || now.status() != Plan.Status.ACTIVE) {
                    return now;
                }
                plan = now;
            }
        }
    }

    /** Records the notice to give and the task for a person, each once per installment. */
    private void queue(Plan plan, PlanInstallment installment, boolean broken) {
        String key = "missed:" + plan.id() + ":" + installment.number();
        Optional<String> conversation = conversations.latestVerified(plan.clientId(),
                plan.account()).map(Conversation::id);
        tasks.queue(plan.clientId(), key, "missed_payment", plan.account(), conversation,
                Map.of("planId", plan.id(), "installment", installment.number(),
                        "due", installment.due().toString(),
                        "amount", installment.unpaid().toPlainString(),
                        "planStatus", plan.status().code()));
        try {
            notices.insertOne(new Document("_id", key)
                    .append("clientId", plan.clientId())
                    .append("account", plan.account())
                    .append("planId", plan.id())
                    .append("installment", installment.number())
                    .append("due", installment.due().toString())
                    .append("amount", new org.bson.types.Decimal128(installment.unpaid()))
                    .append("broken", broken)
                    .append("status", "waiting")
                    .append("createdAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Tells the patient of one missed installment if they may be told now. */
    private boolean tell(Document notice, Instant now) {
        String clientId = notice.getString("clientId");
        String account = notice.getString("account");
        if (pause.paused(clientId, account) || !hours.allows(now, Optional.empty())) {
            return false;
        }
        Optional<Conversation> conversation = conversations.latestVerified(clientId, account);
        String status;
        if (conversation.isEmpty()) {
            // A missed payment is account detail: with no verified channel, a person calls, and
            // outreach sends a generic message that leads to it after verification.
            status = "no_verified_channel";
            unreached.missed(clientId, account, notice.getString("_id"),
                    notice.get("amount", org.bson.types.Decimal128.class).bigDecimalValue(),
                    LocalDate.parse(notice.getString("due")));
        } else {
            List<Reply> replies = new ArrayList<>();
            Map<String, Object> args = Map.of(
                    "amount", notice.get("amount", org.bson.types.Decimal128.class)
                            .bigDecimalValue(),
                    "due", LocalDate.parse(notice.getString("due")));
            if (notice.getBoolean("broken")) {
                replies.add(new Reply("missed.broken", args, List.of()));
            }
            replies.add(new Reply("missed.notice", args, OPTIONS));
            conversations.notify(conversation.get().id(), new ConversationService.Notice(
                    notice.getString("_id"), replies, Optional.of(CHOOSE_STEP)));
            status = "told";
        }
        notices.updateOne(Filters.eq("_id", notice.getString("_id")), Updates.combine(
                Updates.set("status", status), Updates.set("toldAt", Date.from(now))));
        return status.equals("told");
    }
}
