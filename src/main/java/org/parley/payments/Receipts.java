package org.parley.payments;

import org.parley.audit.AuditLog;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Reply;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a patient that their payment arrived: the amount, the day and the balance left, in the
 * latest conversation in which they proved who they are, in its language and on its channel.
 * Without such a conversation nothing is said, because a balance is never sent to a channel
 * nobody verified; nor when the patient opted out of that conversation's channel (the consent
 * ledger is asked first, as every outbound path does), nor when that channel cannot reach the
 * address (an email address that bounced). Each receipt said is a disclosure of the balance and
 * is audited.
 */
final class Receipts {

    /** The message key of a receipt; its arguments are amount, date and balance. */
    static final String KEY = "payment.receipt";

    private static final System.Logger LOG = System.getLogger(Receipts.class.getName());

    private final ConversationService conversations;
    private final ConsentLedger consent;
    private final AuditLog audit;
    private final Unreachable unreachable;

    /** Whether a channel knows it cannot reach an address, as email after a bounce. */
    interface Unreachable {
        boolean test(String clientId, String channel, String address);
    }

    Receipts(ConversationService conversations, ConsentLedger consent, AuditLog audit,
             Unreachable unreachable) {
        this.conversations = conversations;
        this.consent = consent;
        this.audit = audit;
        this.unreachable = unreachable;
    }

    /** Says the receipt of {@code p}, once however often it is asked for. */
    Receipt send(ReportedPayment p, LocalDate paidOn, BigDecimal balance) {
        Optional<Conversation> verified = conversations.latestVerified(p.clientId(),
                p.accountNumber());
        if (verified.isEmpty()) {
            return Receipt.none(Receipt.Status.NO_VERIFIED_CONVERSATION);
        }
        Conversation c = verified.get();
        if (!c.address().isBlank() && consent.optedOut(p.clientId(), c.channel(), c.address())) {
            return Receipt.suppressed(c.id(), c.channel());
        }
        if (!c.address().isBlank() && unreachable.test(p.clientId(), c.channel(), c.address())) {
            return Receipt.undeliverable(c.id(), c.channel());
        }
        Reply receipt = new Reply(KEY, Map.of("amount", p.amount(), "date", paidOn,
                "balance", balance), List.of());
        try {
            conversations.notify(c.id(), new ConversationService.Notice(
                    "payment:" + p.paymentId(), List.of(receipt), Optional.empty()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The receipt of payment " + p.paymentId()
                    + " of client " + p.clientId() + " could not be said in conversation "
                    + c.id() + "; the payment stands", e);
            return Receipt.failed(c.id(), c.channel());
        }
        audit.record("payment.receipt", "bot", p.clientId(), p.accountNumber(), c.id());
        return Receipt.sent(c.id(), c.channel());
    }
}
