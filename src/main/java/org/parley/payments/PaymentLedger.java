package org.parley.payments;

import com.mongodb.client.MongoDatabase;
import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.channel.email.Deliverability;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.ConversationService;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The record of payments received, from every source, and what they do: each new payment
 * lowers its account's balance exactly once, gets a receipt to the patient and is told to the
 * {@link PaymentListener}s. A payment is known by its client and payment id; a replay of an id
 * changes nothing, and an id reused for another account or amount is refused.
 *
 * <p>The store has no transactions, so recording is three single-document steps, each safe to
 * repeat: the payment is stored as pending (the unique index admits one writer per id), applied
 * to the account together with its id (the account refuses an id it holds), then marked applied
 * (one writer wins, and only that one sends the receipt and tells the listeners). A report cut
 * off between the steps is finished by its replay.
 */
public final class PaymentLedger {

    private static final System.Logger LOG = System.getLogger(PaymentLedger.class.getName());

    private final PaymentStore store;
    private final AccountStore accounts;
    private final ClientStore clients;
    private final Receipts receipts;
    private final Clock clock;
    private final List<PaymentListener> listeners = new CopyOnWriteArrayList<>();

    PaymentLedger(PaymentStore store, AccountStore accounts, ClientStore clients,
                  Receipts receipts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clients = clients;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** A ledger over {@code payments} in {@code db}, saying receipts through conversations. */
    public static PaymentLedger create(MongoDatabase db, AccountStore accounts,
                                       ClientStore clients, ConversationService conversations,
                                       AuditLog audit, Clock clock) {
        Deliverability mail = Deliverability.in(db);
        return new PaymentLedger(new PaymentStore(db), accounts, clients,
                new Receipts(conversations, new ConsentLedger(db, clock), audit,
                        (clientId, channel, address) -> channel.equals("email")
                                && mail.undeliverable(clientId, address)), clock);
    }

    /** Adds a listener told of every new payment from now on. */
    public void listen(PaymentListener listener) {
        listeners.add(listener);
    }

    /** What recording a payment would do. */
    public enum Check {
        /** It is new and fits the balance: recording it lowers the balance. */
        NEW,
        /** It was recorded before with the same account and amount: recording changes nothing. */
        DUPLICATE
    }

    /**
     * What recording came to.
     *
     * @param duplicate true when the payment id was recorded before and nothing changed now
     * @param payment   the payment as recorded, now or before
     */
    public record Outcome(boolean duplicate, RecordedPayment payment) {
    }

    /**
     * What recording {@code p} would do now, without storing anything.
     *
     * @param owedElsewhere what other payments not recorded yet will take from the same account
     *                      first, such as earlier rows of one file
     * @throws org.parley.NotFoundException       when the client does not exist
     * @throws PaymentException.IdReused       when the id was recorded with another account or
     *                                         amount
     * @throws PaymentException.UnknownAccount when the client has no such account
     * @throws PaymentException.MoreThanOwed   when the account owes less than the payment
     */
    public Check check(ReportedPayment p, BigDecimal owedElsewhere) {
        clients.require(p.clientId());
        Optional<PaymentStore.Stored> known = store.find(p.clientId(), p.paymentId());
        if (known.isPresent()) {
            requireSameTerms(known.get().reported(), p);
            // A pending one may be on the account already; its replay will find out.
            return known.get().applied() ? Check.DUPLICATE : Check.NEW;
        }
        requireOwed(p, owedElsewhere);
        return Check.NEW;
    }

    /**
     * Records a payment: lowers the account's balance, sends the receipt and tells the
     * listeners, or, for a payment id recorded before with the same account and amount, does
     * nothing.
     *
     * @throws org.parley.NotFoundException       when the client does not exist
     * @throws PaymentException.IdReused       when the id was recorded with another account or
     *                                         amount; nothing changes
     * @throws PaymentException.UnknownAccount when the client has no such account; nothing is
     *                                         stored
     * @throws PaymentException.MoreThanOwed   when the account owes less than the payment;
     *                                         nothing is stored
     */
    public Outcome record(ReportedPayment p) {
        Client client = clients.require(p.clientId());
        LocalDate paidOn = p.paidAt().atZone(client.timeZone()).toLocalDate();

        Optional<PaymentStore.Stored> known = store.find(p.clientId(), p.paymentId());
        boolean inserted = false;
        if (known.isEmpty()) {
            requireOwed(p, BigDecimal.ZERO);
            inserted = store.insertPending(p, paidOn, client.currency(), clock.instant());
            if (!inserted) {
                known = store.find(p.clientId(), p.paymentId());
            }
        }
        if (known.isPresent()) {
            requireSameTerms(known.get().reported(), p);
            if (known.get().applied()) {
                return duplicate(p);
            }
        }

        BigDecimal balanceAfter = apply(p, paidOn, inserted);
        Instant now = clock.instant();
        if (!store.markApplied(p.clientId(), p.paymentId(), balanceAfter, now)) {
            return duplicate(p);
        }

        Receipt receipt = receipts.send(p, paidOn, balanceAfter);
        store.receipt(p.clientId(), p.paymentId(), receipt);
        RecordedPayment recorded = new RecordedPayment(p, paidOn, client.currency(),
                balanceAfter, now, receipt);
        LOG.log(System.Logger.Level.DEBUG, "Payment recorded, clientId={0} paymentId={1} "
                + "source={2} receipt={3}", p.clientId(), p.paymentId(), p.source().wire(),
                receipt.status().wire());
        tell(recorded);
        return new Outcome(false, recorded);
    }

    /** The payments applied for the client on days from {@code from} to {@code to}. */
    public PaymentTotals totals(String clientId, LocalDate from, LocalDate to) {
        return store.totals(clientId, from, to);
    }

    /** The payments recorded for one account, in the order they were paid. */
    public List<RecordedPayment> forAccount(String clientId, String accountNumber) {
        return store.forAccount(clientId, accountNumber);
    }

    /** Applies the payment to its account; the balance it leaves. */
    private BigDecimal apply(ReportedPayment p, LocalDate paidOn, boolean inserted) {
        AccountStore.Application applied = accounts.applyPayment(p.clientId(),
                p.accountNumber(), p.paymentId(), p.amount(), paidOn);
        return switch (applied) {
            case AccountStore.Applied a -> a.after().totalDue();
            case AccountStore.AlreadyApplied a -> a.now().totalDue();
            case AccountStore.NoAccount a -> {
                withdraw(p, inserted);
                throw new PaymentException.UnknownAccount(p);
            }
            case AccountStore.MoreThanOwed a -> {
                withdraw(p, inserted);
                throw new PaymentException.MoreThanOwed(p, a.now().totalDue());
            }
        };
    }

    /**
     * Removes the pending payment this call stored, when the account refused it after the
     * check (it changed in between). A replay leaves one alone: its first report may still be
     * on its way.
     */
    private void withdraw(ReportedPayment p, boolean inserted) {
        if (inserted) {
            store.deletePending(p.clientId(), p.paymentId());
        }
    }

    private Outcome duplicate(ReportedPayment p) {
        return new Outcome(true, store.recorded(p.clientId(), p.paymentId()).orElseThrow(() ->
                new IllegalStateException("Payment " + p.paymentId() + " of client "
                        + p.clientId() + " was withdrawn while it was recorded; send it again")));
    }

    private void requireOwed(ReportedPayment p, BigDecimal owedElsewhere) {
        Account account = accounts.find(p.clientId(), p.accountNumber())
                .orElseThrow(() -> new PaymentException.UnknownAccount(p));
        BigDecimal owed = account.totalDue().subtract(owedElsewhere).max(BigDecimal.ZERO);
        if (p.amount().compareTo(owed) > 0) {
            throw new PaymentException.MoreThanOwed(p, owed);
        }
    }

    /** A replay must be the same payment: the same account and amount. */
    private static void requireSameTerms(ReportedPayment recorded, ReportedPayment reported) {
        if (!recorded.accountNumber().equals(reported.accountNumber())
                || recorded.amount().compareTo(reported.amount()) != 0) {
            throw new PaymentException.IdReused(recorded, reported);
        }
    }

    private void tell(RecordedPayment recorded) {
        for (PaymentListener listener : listeners) {
            try {
                listener.paid(recorded);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A payment listener failed on payment "
                        + recorded.payment().paymentId() + " of client "
                        + recorded.payment().clientId() + "; the payment stands", e);
            }
        }
    }
}
