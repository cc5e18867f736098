package org.parley.payments;

import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pay now, for a verified patient: checks the amount against the balance and answers with a
 * signed, single-use link to the client's payment page. The card is only ever typed on that
 * page, never here. Each step of {@code dialogs/pay-now.yaml} that decides runs one
 * {@link Mode} of it.
 *
 * <p>The turn gets {@code balance}, and with a link {@code amount}, {@code url} and
 * {@code minutes} (how long the link works).
 */
public final class PayNowAction implements Action {

    /**
     * The slot holding an amount due today (such as a plan's down payment, as a plain decimal)
     * for {@link Mode#DUE_NOW}; it is taken when the link is made.
     */
    public static final String DUE_NOW = "pay.due_now";

    private static final System.Logger LOG = System.getLogger(PayNowAction.class.getName());
    private static final Set<String> REFUSALS = Set.of("too_much", "zero", "negative",
            "too_many_decimals", "ambiguous");

    /** Which decision this action makes. */
    public enum Mode {
        /** After verification: takes up what the patient asked for when they asked to pay. */
        START("pay_now"),
        /** The patient's answer to "how much would you like to pay?". */
        AMOUNT("pay_amount"),
        /** A link for the whole balance, offered when a card number was typed. */
        BALANCE("pay_balance"),
        /**
         * A link for what another flow asks the patient to pay today, kept in the slot
         * {@value PayNowAction#DUE_NOW}: the down payment of a plan just agreed.
         */
        DUE_NOW("pay_due_now");

        private final String action;

        Mode(String action) {
            this.action = action;
        }
    }

    private final Mode mode;
    private final Supplier<Payments> payments;
    private final PaymentRequestReader reader;
    private final AccountStore accounts;
    private final AuditLog audit;

    PayNowAction(Mode mode, Supplier<Payments> payments, PaymentRequestReader reader,
                 AccountStore accounts, AuditLog audit) {
        this.mode = mode;
        this.payments = payments;
        this.reader = reader;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public String name() {
        return mode.action;
    }

    @Override
    public Set<String> outcomes() {
        Set<String> outcomes = new java.util.TreeSet<>(Set.of("link", "nothing_due", "no_page"));
        if (mode != Mode.BALANCE && mode != Mode.DUE_NOW) {
            outcomes.addAll(REFUSALS);
            outcomes.add("credit_line_link");
        }
        if (mode == Mode.START) {
            outcomes.addAll(Set.of("ask_amount", "credit_line_ask_amount"));
        }
        if (mode == Mode.AMOUNT) {
            // card_number is never returned by run: the engine follows it when the answer
            // carried a card number, which was masked before the dialog saw it.
            outcomes.addAll(Set.of("not_understood", "card_number"));
        }
        return Set.copyOf(outcomes);
    }

    @Override
    public String run(Turn turn) {
        PaymentLinks links = payments.get().links();
        Account account = accounts.verified(turn, name());
        String number = account.accountNumber();
        PaymentRequest request = switch (mode) {
            case START -> payments.get().requests().take(turn.conversationId())
                    .orElse(PaymentRequest.none(false));
            case AMOUNT -> reader.read(turn.text(), turn.language(), false);
            case BALANCE -> PaymentRequest.all(false);
            case DUE_NOW -> Optional.ofNullable(turn.slots().remove(DUE_NOW))
                    .map(due -> PaymentRequest.amount(new BigDecimal(due), false))
                    .orElse(PaymentRequest.none(false));
        };
        BigDecimal balance = account.totalDue();
        if (balance.signum() <= 0) {
            return "nothing_due";
        }
        if (!links.hasPage(turn.clientId())) {
            return "no_page";
        }
        turn.put("balance", balance);
        String credit = request.creditLine() ? "credit_line_" : "";

        if (mode == Mode.DUE_NOW) {
            // Due today, but never more than is owed: a payment may have come in meanwhile.
            return request.amount().map(due -> link(links, turn, number, due.min(balance),
                    balance, "")).orElse("nothing_due");
        }

        return switch (request.kind()) {
            case NONE -> {
                if (mode == Mode.AMOUNT) {
                    yield "not_understood";
                }
                disclosed(turn, number);
                yield credit + "ask_amount";
            }
            case REFUSED -> request.refused().orElseThrow().code();
            case ALL -> link(links, turn, number, balance, balance, credit);
            case AMOUNT -> {
                BigDecimal amount = request.amount().orElseThrow();
                if (amount.compareTo(balance) > 0) {
                    disclosed(turn, number);
                    yield "too_much";
                }
                yield link(links, turn, number, amount, balance, credit);
            }
        };
    }

    private String link(PaymentLinks links, Turn turn, String number, BigDecimal amount,
                        BigDecimal balance, String credit) {
        String url;
        try {
            url = links.issue(turn.clientId(), number, amount, turn.conversationId());
        } catch (PaymentLinkException.NoPaymentPage e) {
            return "no_page";
        }
        if (amount.compareTo(balance) == 0) {
            disclosed(turn, number);
        }
        audit.record("payment_link_issued", "bot", turn.clientId(), number,
                turn.conversationId());
        LOG.log(System.Logger.Level.DEBUG, () -> "Payment link issued conversationId="
                + turn.conversationId());
        turn.put("amount", amount);
        turn.put("url", url);
        turn.put("minutes", links.ttl().toMinutes());
        return credit + "link";
    }

    private void disclosed(Turn turn, String number) {
        audit.record("balance_disclosed", "bot", turn.clientId(), number, turn.conversationId());
    }
}
