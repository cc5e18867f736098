package org.parley.payments;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.billing.Account;
import org.parley.billing.Payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The payment ledger over a real store: each new payment lowers its balance once, a replay
 * changes nothing, and a refused payment leaves no trace.
 */
class PaymentLedgerTest extends DemoParley {

    static final Instant PAID_AT = Instant.parse("2026-12-04T14:30:00Z");

    static final List<RecordedPayment> told = new ArrayList<>();

    @BeforeAll
    static void listen() {
        ledger().listen(told::add);
    }

    @BeforeEach
    void nothingTold() {
        told.clear();
    }

    static PaymentLedger ledger() {
        return parley.parley().payments().ledger();
    }

    static MongoCollection<Document> payments() {
        return parley.parley().store().database().getCollection("payments");
    }

    static ReportedPayment payment(String id, String account, String amount) {
        return new ReportedPayment(CLIENT, id, account, new BigDecimal(amount), PAID_AT, "card",
                Optional.of("4242"), PaymentSource.WEBHOOK, Optional.empty(), Optional.empty());
    }

    static BigDecimal balance(String account) {
        return balance(parley, account);
    }

    static Account account(String account) {
        return parley.parley().services().accounts().find(CLIENT, account).orElseThrow();
    }

    @ParameterizedTest(name = "{1} paid on {0} leaves {2}")
    @CsvSource({
            "EH100234, 200.00,  1034.50",
            "EH100234, 45.00,   1189.50",
            "EH100234, 0.01,    1234.49",
            "EH100234, 1234.50, 0.00",
            "EH100234, 1234.5,  0.00",
            "EH100587, 2100.00, 1140.00",
            "EH100845, 38.75,   40.00",
    })
    void aNewPaymentLowersTheBalanceByExactlyItsAmount(String account, String amount,
                                                       String left) {
        PaymentLedger.Outcome outcome = ledger().record(payment("pay_1", account, amount));

        assertFalse(outcome.duplicate());
        assertEquals(new BigDecimal(left), balance(account));
        assertEquals(new BigDecimal(left), outcome.payment().balanceAfter());
        assertEquals(new BigDecimal(amount).setScale(2), outcome.payment().payment().amount());
        assertEquals(1, payments().countDocuments());
        assertEquals(List.of(outcome.payment()), told);
    }

    @ParameterizedTest(name = "{1} on {0} is refused with {2}")
    @CsvSource({
            "EH100234, 1234.51, overpayment",
            "EH100702, 0.01,    overpayment",
            "EH999999, 10.00,   unknown_account",
    })
    void aPaymentTheAccountCannotTakeIsRefusedAndNothingIsStored(String account, String amount,
                                                                 String code) {
        List<List<Document>> before = accountDocuments();

        PaymentException e = assertThrows(PaymentException.class,
                () -> ledger().record(payment("pay_1", account, amount)));

        assertEquals(code, e.code());
        assertEquals(before, accountDocuments());
        assertEquals(0, payments().countDocuments());
        assertEquals(List.of(), told);
    }

    @Test
    void anOverpaymentNamesThePaymentTheAccountAndWhatItOwes() {
        PaymentException e = assertThrows(PaymentException.class,
                () -> ledger().record(payment("pay_9", "EH100234", "1500.00")));

        assertEquals("Payment pay_9 of 1500.00 is more than account EH100234 owes (1234.50); "
                + "nothing was recorded. Parley takes payments up to the balance: if the balance "
                + "is out of date, import the client's balance file first and send the payment "
                + "again.", e.getMessage());
    }

    @Test
    void aReplayChangesNothingAndIsNotToldAgain() {
        PaymentLedger.Outcome first = ledger().record(payment("pay_1", "EH100234", "200.00"));
        List<List<Document>> after = accountDocuments();
        Document stored = payments().find().first();

        PaymentLedger.Outcome again = ledger().record(payment("pay_1", "EH100234", "200.00"));

        assertTrue(again.duplicate());
        assertEquals(first.payment(), again.payment());
        assertEquals(after, accountDocuments());
        assertEquals(List.of(stored), payments().find().into(new ArrayList<>()));
        assertEquals(1, told.size());
    }

    @Test
    void aReplayFromAnotherSourceIsStillADuplicate() {
        ledger().record(payment("pay_1", "EH100234", "200.00"));
        ReportedPayment fromFile = new ReportedPayment(CLIENT, "pay_1", "EH100234",
                new BigDecimal("200"), Instant.parse("2026-12-04T05:00:00Z"), "card",
                Optional.empty(), PaymentSource.FILE, Optional.empty(), Optional.empty());

        assertTrue(ledger().record(fromFile).duplicate());
        assertEquals(new BigDecimal("1034.50"), balance("EH100234"));
    }

    @ParameterizedTest(name = "pay_1 again for {0} and {1} is a conflict")
    @CsvSource({"EH100234, 200.01", "EH100587, 200.00"})
    void theSameIdForAnotherAccountOrAmountIsRefusedAndChangesNothing(String account,
                                                                     String amount) {
        ledger().record(payment("pay_1", "EH100234", "200.00"));
        List<List<Document>> after = accountDocuments();

        PaymentException e = assertThrows(PaymentException.class,
                () -> ledger().record(payment("pay_1", account, amount)));

        assertEquals("payment_id_conflict", e.code());
        assertEquals("Payment id pay_1 was recorded before for account EH100234 and 200.00, not "
                + "account " + account + " and " + amount + "; nothing was changed. Give each "
                + "payment its own id; a payment id is recorded once.", e.getMessage());
        assertEquals(after, accountDocuments());
        assertEquals(1, payments().countDocuments());
    }

    @Test
    void theLastPaymentIsThisOneOnTheDayItWasPaidWhereTheClientIs() {
        // 03:00 UTC on the 5th is still the 4th in New York.
        ReportedPayment late = new ReportedPayment(CLIENT, "pay_1", "EH100234",
                new BigDecimal("20.00"), Instant.parse("2026-12-05T03:00:00Z"), "ach",
                Optional.empty(), PaymentSource.WEBHOOK, Optional.empty(), Optional.empty());

        RecordedPayment recorded = ledger().record(late).payment();

        assertEquals(LocalDate.of(2026, 12, 4), recorded.paidOn());
        assertEquals(Optional.of(new Payment(LocalDate.of(2026, 12, 4), new BigDecimal("20.00"))),
                account("EH100234").lastPayment());
    }

    @Test
    void thePaymentIsStoredWithDecimalMoneyAndAtMostTheLastFourDigits() {
        ledger().record(payment("pay_1", "EH100234", "200.00"));

        Document d = payments().find().first();
        assertEquals(new Decimal128(new BigDecimal("200.00")), d.get("amount"));
        assertEquals(new Decimal128(new BigDecimal("1034.50")), d.get("balanceAfter"));
        assertEquals("4242", d.getString("last4"));
        assertEquals("applied", d.getString("status"));
        assertEquals("webhook", d.getString("source"));
        assertEquals("2026-12-04", d.getString("paidOn"));
        assertEquals("USD", d.getString("currency"));
    }

    @Test
    void withoutAVerifiedConversationNoReceiptIsSentAndThatIsRecorded() {
        RecordedPayment recorded = ledger().record(payment("pay_1", "EH100611", "10.00"))
                .payment();

        assertEquals(Receipt.none(Receipt.Status.NO_VERIFIED_CONVERSATION), recorded.receipt());
        assertEquals(new Document("status", "no_verified_conversation"),
                payments().find().first().get("receipt", Document.class));
    }

    @Test
    void aFailingListenerDoesNotUndoThePayment() {
        ledger().listen(p -> {
            throw new IllegalStateException("plans are down");
        });

        PaymentLedger.Outcome outcome = ledger().record(payment("pay_1", "EH100234", "1.00"));

        assertFalse(outcome.duplicate());
        assertEquals(new BigDecimal("1233.50"), balance("EH100234"));
    }

    @Test
    void aPaymentCutOffAfterTheAccountTookItIsFinishedByItsReplayOnce() {
        // As a crash would leave it: stored pending, applied to the account, not marked.
        ReportedPayment p = payment("pay_1", "EH100234", "200.00");
        new PaymentStore(parley.parley().store().database()).insertPending(p,
                LocalDate.of(2026, 12, 4), "USD", PAID_AT);
        parley.parley().services().accounts().applyPayment(CLIENT, "EH100234", "pay_1",
                new BigDecimal("200.00"), LocalDate.of(2026, 12, 4));

        PaymentLedger.Outcome replay = ledger().record(p);

        assertFalse(replay.duplicate());
        assertEquals(new BigDecimal("1034.50"), balance("EH100234"));
        assertEquals(new BigDecimal("1034.50"), replay.payment().balanceAfter());
        assertEquals("applied", payments().find().first().getString("status"));
        assertEquals(1, told.size());
    }

    @Test
    void aPaymentCutOffBeforeTheAccountTookItIsAppliedByItsReplay() {
        ReportedPayment p = payment("pay_1", "EH100234", "200.00");
        new PaymentStore(parley.parley().store().database()).insertPending(p,
                LocalDate.of(2026, 12, 4), "USD", PAID_AT);

        assertEquals(PaymentLedger.Check.NEW, ledger().check(p, BigDecimal.ZERO));
        assertFalse(ledger().record(p).duplicate());
        assertEquals(new BigDecimal("1034.50"), balance("EH100234"));
    }

    @Test
    void aPendingPaymentIsNotListed() {
        new PaymentStore(parley.parley().store().database()).insertPending(
                payment("pay_1", "EH100234", "200.00"), LocalDate.of(2026, 12, 4), "USD",
                PAID_AT);

        assertEquals(List.of(), ledger().forAccount(CLIENT, "EH100234"));
    }

    @Test
    void checkCountsWhatOtherPaymentsWillTakeFirst() {
        ReportedPayment p = payment("pay_1", "EH100234", "200.00");

        assertEquals(PaymentLedger.Check.NEW, ledger().check(p, new BigDecimal("1034.50")));
        assertThrows(PaymentException.MoreThanOwed.class,
                () -> ledger().check(p, new BigDecimal("1034.51")));
        ledger().record(p);
        assertEquals(PaymentLedger.Check.DUPLICATE, ledger().check(p, BigDecimal.ZERO));
    }

    @Test
    void paymentsAreListedInTheOrderTheyWerePaid() {
        ReportedPayment later = new ReportedPayment(CLIENT, "pay_b", "EH100234", BigDecimal.ONE,
                PAID_AT.plusSeconds(60), "card", Optional.empty(), PaymentSource.WEBHOOK,
                Optional.empty(), Optional.empty());
        ledger().record(later);
        ledger().record(payment("pay_a", "EH100234", "2.00"));

        assertEquals(List.of("pay_a", "pay_b"), ledger().forAccount(CLIENT, "EH100234").stream()
                .map(r -> r.payment().paymentId()).toList());
    }

    private static List<List<Document>> accountDocuments() {
        return stored(parley, "accounts");
    }
}
