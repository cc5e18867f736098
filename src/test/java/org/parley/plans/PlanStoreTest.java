package org.parley.plans;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.store.Store;
import org.parley.testing.TestClock;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.plans.PlanFixtures.day;
import static org.parley.plans.PlanFixtures.usd;

/** Plans kept in the store: versions, payments applied once and oldest first, completion. */
class PlanStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final LocalDate TODAY = day("2026-12-04");
    private static final String CLIENT = "example-health";
    private static final String ACCOUNT = "EH100234";

    @TempDir
    Path data;
    private Store store;
    private PlanStore plans;
    private final TestClock clock = new TestClock(NOW);
    private final PlanCalculator calculator = new PlanCalculator();
    private final PlanRules rules = PlanFixtures.rules().missesToBreak(2).build();

    @BeforeEach
    void open() {
        store = Store.embedded(data, "parley");
        plans = new PlanStore(store.database(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** 1,234.50 in three monthly installments of 411.50 from January 4, 2027. */
    private Schedule threeMonths() {
        return calculator.schedule(usd("1234.50"), 3, Frequency.MONTHLY, day("2027-01-04"), rules);
    }

    private static Agreement yes(long seq) {
        return new Agreement("conv-1", "webchat", seq, "yes", NOW);
    }

    private static ShownTerms terms(String text) {
        return new ShownTerms(text, "en", "webchat");
    }

    private Plan agreed() {
        return plans.create(CLIENT, ACCOUNT, threeMonths(), rules, terms("3 payments of $411.50"),
                yes(9), TODAY);
    }

    /** Each installment as "number state paid", such as "1 paid 411.50". */
    private static String states(Plan plan) {
        return states(plan.installments());
    }

    private static String states(List<PlanInstallment> installments) {
        return installments.stream()
                .map(i -> i.number() + " " + i.state().code() + " " + i.paid().toPlainString())
                .collect(Collectors.joining(", "));
    }

    @Test
    void anAgreedPlanIsStoredWithItsScheduleRulesTermsAndTheYes() {
        Plan created = agreed();

        Plan stored = plans.active(CLIENT, ACCOUNT).orElseThrow();
        assertEquals(created, stored);
        assertEquals(Plan.Status.ACTIVE, stored.status());
        assertEquals(1, stored.version());
        assertEquals(threeMonths(), stored.schedule());
        assertEquals(rules, stored.rules());
        assertEquals(terms("3 payments of $411.50"), stored.current().terms());
        assertEquals(yes(9), stored.current().agreement());
        assertEquals(Optional.empty(), stored.current().change());
        assertEquals("1 due 0.00, 2 due 0.00, 3 due 0.00", states(stored));
        assertEquals(List.of(day("2027-01-04"), day("2027-02-04"), day("2027-03-04")),
                stored.installments().stream().map(PlanInstallment::due).toList());
    }

    @Test
    void moneyIsStoredAsDecimal128ToTheCent() {
        agreed();

        Document raw = store.database().getCollection("plans").find().first();
        Document version = raw.getList("versions", Document.class).getFirst();
        Document first = version.getList("installments", Document.class).getFirst();
        assertInstanceOf(Decimal128.class, first.get("amount"));
        assertEquals(new Decimal128(usd("411.50")), first.get("amount"));
        assertEquals(new Decimal128(usd("1234.50")), version.get("total"));
        assertEquals(new Decimal128(usd("50.00")),
                version.get("rules", Document.class).get("minimumInstallment"));
    }

    @Test
    void anAccountHasOneActivePlanAndTheSameYesStoredTwiceIsOnePlan() {
        Plan first = agreed();

        assertEquals(first, plans.create(CLIENT, ACCOUNT, threeMonths(), rules,
                terms("3 payments of $411.50"), yes(9), TODAY));
        PlanConflict e = assertThrows(PlanConflict.class, () -> plans.create(CLIENT, ACCOUNT,
                threeMonths(), rules, terms("again"), yes(15), TODAY));
        assertEquals("plan_exists", e.code());
        assertEquals(1, plans.plans(CLIENT, ACCOUNT).size());
    }

    @Test
    void aChangeAddsAVersionAndKeepsTheOnesBefore() {
        Plan plan = agreed();
        PlanChange move = new PlanChange.MoveDay(15);
        Schedule moved = calculator.reamortize(plan.schedule(), TODAY, plan.paidSoFar(), move,
                rules);

        Plan changed = plans.change(plan, move, moved, rules, terms("moved to the 15th"),
                yes(21), TODAY);

        assertEquals(2, changed.versions().size());
        assertEquals(2, changed.version());
        assertEquals(Optional.of(move), changed.current().change());
        assertEquals(List.of(day("2027-01-15"), day("2027-02-15"), day("2027-03-15")),
                changed.schedule().dueDates());
        assertEquals(threeMonths(), changed.versions().getFirst().schedule());
        assertEquals(changed, plans.find(plan.id()).orElseThrow());
    }

    @Test
    void aChangeOverAPlanThatChangedSinceItWasReadIsRefusedAndChangesNothing() {
        Plan read = agreed();
        plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("411.50"), TODAY);

        PlanConflict e = assertThrows(PlanConflict.class, () -> plans.change(read,
                new PlanChange.MoveDay(15), threeMonths(), rules, terms("moved"), yes(21),
                TODAY));

        assertEquals("plan_changed", e.code());
        assertEquals(1, plans.find(read.id()).orElseThrow().versions().size());
    }

    @ParameterizedTest(name = "payments {0} leave {1}")
    @CsvSource(delimiter = '|', textBlock = """
            411.50          | 1 paid 411.50, 2 due 0.00, 3 due 0.00         | active
            100.00          | 1 due 100.00, 2 due 0.00, 3 due 0.00          | active
            500.00          | 1 paid 411.50, 2 due 88.50, 3 due 0.00        | active
            100.00 311.50   | 1 paid 411.50, 2 due 0.00, 3 due 0.00         | active
            823.00 411.50   | 1 paid 411.50, 2 paid 411.50, 3 paid 411.50   | completed
            1234.50         | 1 paid 411.50, 2 paid 411.50, 3 paid 411.50   | completed
            2000.00         | 1 paid 411.50, 2 paid 411.50, 3 paid 411.50   | completed
            """)
    void paymentsPayTheOldestInstallmentsFirstToTheCent(String payments, String expected,
                                                        String status) {
        agreed();

        Plan plan = null;
        int n = 0;
        for (String amount : payments.split(" ")) {
            plan = plans.applyPayment(CLIENT, ACCOUNT, "pay-" + ++n, usd(amount), TODAY)
                    .orElseThrow();
        }

        assertEquals(expected, states(plan));
        assertEquals(status, plan.status().code());
    }

    @Test
    void aPaymentAppliedAgainChangesNothing() {
        agreed();
        Plan once = plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("500.00"), TODAY)
                .orElseThrow();

        Plan twice = plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("500.00"), TODAY)
                .orElseThrow();

        assertEquals(once, twice);
        assertEquals("1 paid 411.50, 2 due 88.50, 3 due 0.00", states(twice));
        assertEquals(List.of("pay-1"), twice.installments().get(1).paymentIds());
        assertEquals(1, twice.payments().size());
    }

    @Test
    void theLastPaymentCompletesThePlanAndARepeatOfItFindsTheCompletedPlan() {
        agreed();
        plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("823.00"), TODAY);

        Plan done = plans.applyPayment(CLIENT, ACCOUNT, "pay-2", usd("411.50"), TODAY)
                .orElseThrow();

        assertEquals(Plan.Status.COMPLETED, done.status());
        assertEquals("paid_in_full", done.statusChanges().getLast().reason());
        assertEquals(Optional.empty(), plans.active(CLIENT, ACCOUNT));
        assertEquals(Optional.of(done),
                plans.applyPayment(CLIENT, ACCOUNT, "pay-2", usd("411.50"), TODAY));
        assertEquals(Optional.empty(),
                plans.applyPayment(CLIENT, ACCOUNT, "pay-3", usd("10.00"), TODAY));
    }

    @Test
    void aCompletedPlanLeavesRoomForANewOneAndBothAreListedNewestFirst() {
        Plan first = agreed();
        plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("1234.50"), TODAY);
        clock.advance(java.time.Duration.ofDays(1));

        Plan second = plans.create(CLIENT, ACCOUNT, threeMonths(), rules, terms("again"),
                yes(40), TODAY);

        assertEquals(List.of(second.id(), first.id()),
                plans.plans(CLIENT, ACCOUNT).stream().map(Plan::id).toList());
        assertEquals(Optional.of(second), plans.active(CLIENT, ACCOUNT));
    }

    @Test
    void aDownPaymentIsDueOnTheDayOfAgreementAndPaidFirst() {
        PlanRules down = PlanFixtures.rules()
                .downPayment(new PlanRules.DownPayment(new BigDecimal("10"), usd("0.00")))
                .build();
        Schedule schedule = calculator.schedule(usd("1000.00"), 3, Frequency.MONTHLY,
                day("2027-01-04"), down);
        plans.create(CLIENT, ACCOUNT, schedule, down, terms("down"), yes(3), TODAY);

        Plan paid = plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("150.00"), TODAY)
                .orElseThrow();

        assertEquals("0 paid 100.00, 1 due 50.00, 2 due 0.00, 3 due 0.00", states(paid));
        assertEquals(TODAY, paid.installments().getFirst().due());
        assertEquals(usd("50.00"), paid.paidSoFar());
    }

    @Test
    void missedInstallmentsBreakThePlanAtTheRulesLimit() {
        Plan plan = agreed();

        Plan once = plans.markMissed(plan.id(), plan.version(), 1);
        Plan again = plans.markMissed(once.id(), once.version(), 1);
        Plan twice = plans.markMissed(again.id(), again.version(), 2);

        assertEquals("1 missed 0.00, 2 due 0.00, 3 due 0.00", states(once));
        assertEquals(Plan.Status.ACTIVE, once.status());
        assertEquals(once, again);
        assertEquals(2, twice.misses());
        assertEquals(Plan.Status.BROKEN, twice.status());
        assertEquals("missed_payments", twice.statusChanges().getLast().reason());
        assertEquals(Optional.empty(), plans.active(CLIENT, ACCOUNT));
    }

    @Test
    void aMissedInstallmentPaidLateIsPaid() {
        Plan plan = agreed();
        plans.markMissed(plan.id(), plan.version(), 1);

        Plan paid = plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("411.50"), TODAY)
                .orElseThrow();

        assertEquals("1 paid 411.50, 2 due 0.00, 3 due 0.00", states(paid));
        assertEquals(1, paid.misses());
    }

    @Test
    void statusChangesAreGuardedByVersion() {
        Plan plan = agreed();
        plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("10.00"), TODAY);

        PlanConflict stale = assertThrows(PlanConflict.class,
                () -> plans.markMissed(plan.id(), plan.version(), 1));
        Plan broken = plans.changeStatus(plan.id(), 2, Plan.Status.BROKEN, "agent_decision");
        PlanConflict closed = assertThrows(PlanConflict.class,
                () -> plans.changeStatus(plan.id(), broken.version(), Plan.Status.CANCELLED,
                        "agent_decision"));

        assertEquals("plan_changed", stale.code());
        assertEquals(Plan.Status.BROKEN, plans.find(plan.id()).orElseThrow().status());
        assertEquals("plan_not_active", closed.code());
    }

    @Test
    void aSkipRecordsTheDeferredInstallmentOnTheNewVersionAndLeavesTheOneBeforeAsAgreed() {
        Plan plan = agreed();
        PlanChange skip = new PlanChange.Skip();
        Schedule skipped = calculator.reamortize(plan.schedule(), TODAY, plan.paidSoFar(), skip,
                rules);

        Plan changed = plans.change(plan, skip, skipped, rules, terms("skip"), yes(30), TODAY);

        assertEquals("1 due 0.00, 2 due 0.00, 3 due 0.00",
                states(changed.versions().getFirst().installments()));
        assertEquals("1 skipped 0.00", states(changed.current().skipped().stream().toList()));
        assertEquals(changed, plans.find(plan.id()).orElseThrow());
        assertEquals(List.of(day("2027-02-04"), day("2027-03-04"), day("2027-04-04")),
                changed.schedule().dueDates());
        assertEquals(1, changed.schedule().skipsUsed());
    }

    @Test
    void aCancelledPlanKeepsThePatientsYes() {
        Plan plan = agreed();

        Plan cancelled = plans.cancel(plan, yes(50));

        assertEquals(Plan.Status.CANCELLED, cancelled.status());
        assertEquals(Optional.of(yes(50)), cancelled.statusChanges().getLast().agreement());
        assertEquals(Optional.empty(), plans.active(CLIENT, ACCOUNT));
        assertEquals(List.of(cancelled), plans.plans(CLIENT, ACCOUNT));
    }

    @Test
    void theSweepFindsActivePlansWithAnInstallmentDueBeforeADay() {
        Plan plan = agreed();

        assertEquals(List.of(), plans.activeDueBefore(day("2027-01-04")));
        assertEquals(List.of(plan.id()), plans.activeDueBefore(day("2027-01-05")).stream()
                .map(Plan::id).toList());
        plans.applyPayment(CLIENT, ACCOUNT, "pay-1", usd("411.50"), TODAY);
        assertEquals(List.of(), plans.activeDueBefore(day("2027-02-04")));
    }
}
