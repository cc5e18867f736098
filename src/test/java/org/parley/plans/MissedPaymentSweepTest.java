package org.parley.plans;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.Parley;
import org.parley.conversation.Conversation;
import org.parley.handoff.AgentTasks;
import org.parley.payments.Webhooks;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The missed-payment sweep over a running Parley: installments past their grace days are marked
 * missed, a person gets a task, and the patient is told once, in their language, on the channel
 * where they proved who they are, in contact hours only; too many misses break the plan.
 */
class MissedPaymentSweepTest {

    private static final String CLIENT = "example-health";

    @TempDir
    Path data;
    FakeTwilio twilio;
    TestParley parley;
    final TestClock clock = new TestClock(TestParley.NOW);

    @BeforeEach
    void start() {
        twilio = FakeTwilio.start();
        Map<String, String> env = new java.util.HashMap<>(SmsPhone.env(twilio));
        env.put(Webhooks.ENV, Webhooks.SECRET);
        parley = TestParley.start(data, env, clock);
    }

    @AfterEach
    void stop() {
        parley.close();
        twilio.close();
    }

    private Parley.Services services() {
        return parley.parley().services();
    }

    /** A plan agreed today in {@code conversation}: 3 monthly installments from December 10. */
    private Plan planFor(String account, String balance, Conversation conversation) {
        PlanRules rules = services().settings().planRules(CLIENT).orElseThrow();
        Schedule schedule = new PlanCalculator().schedule(new BigDecimal(balance), 3,
                Frequency.MONTHLY, LocalDate.parse("2026-12-10"), rules);
        return services().plans().create(CLIENT, account, schedule, rules,
                new ShownTerms("3 payments", conversation.dialog().language(),
                        conversation.channel()),
                new Agreement(conversation.id(), conversation.channel(), 5, "yes", clock.instant()),
                LocalDate.parse("2026-12-04"));
    }

    private boolean sweep() {
        return parley.parley().jobs().run(Parley.MISSED_PAYMENTS_JOB);
    }

    private SmsPhone verifiedAlexBySms() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");
        phone.text("What do I owe?");
        phone.next();
        phone.text("03/14/1985 Rivera");
        phone.next();
        return phone;
    }

    private Conversation verified(String account) {
        return services().conversations().latestVerified(CLIENT, account).orElseThrow();
    }

    @Test
    void aPaymentPastItsGraceDaysIsTextedOnceWithTheWaysForwardAndQueuedForAPerson() {
        SmsPhone phone = verifiedAlexBySms();
        Conversation sms = verified("EH100234");
        Plan plan = planFor("EH100234", "1234.50", sms);

        clock.set(Instant.parse("2026-12-20T17:00:00Z"));
        sweep();
        long afterGrace = services().conversations().lastSeq(sms.id());
        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        sweep();
        sweep();

        phone.reply("""
                Your plan payment of $411.50 due December 10, 2026 hasn't reached us. Reply STOP \
                to opt out. What would you like to do?
                1 Pay my bill
                2 Payment plan
                3 Talk to a person
                Reply with a number from 1 to 3.""");
        assertEquals(afterGrace + 1, services().conversations().lastSeq(sms.id()));
        Plan missed = services().plans().find(plan.id()).orElseThrow();
        assertEquals(PlanInstallment.State.MISSED, missed.installments().get(0).state());
        assertEquals(Plan.Status.ACTIVE, missed.status());
        assertEquals(List.of(new AgentTasks.Task(CLIENT, "missed:" + plan.id() + ":1",
                "missed_payment", "EH100234", Optional.of(sms.id()), Map.of("planId", plan.id(),
                "installment", 1, "due", "2026-12-10", "amount", "411.50",
                "planStatus", "active"), "open", Instant.parse("2026-12-21T17:00:00Z"))),
                services().tasks().list(CLIENT, "open"));

        phone.text("3");
        phone.reply("""
                I've asked a person from Example Health to join this conversation. They will reach \
                out here shortly, or you can call (555) 010-0199.
                A person usually answers within 4 minutes. Anything you write here until then \
                reaches them.""");
    }

    @Test
    void aPaymentReportedByTheClientPaysTheInstallmentOnceAndNothingIsMissed() {
        verifiedAlexBySms();
        Plan plan = planFor("EH100234", "1234.50", verified("EH100234"));

        var first = Webhooks.deliver(parley, clock.instant(), CLIENT,
                Webhooks.body("pay-77", "EH100234", "411.50"));
        var replay = Webhooks.deliver(parley, clock.instant(), CLIENT,
                Webhooks.body("pay-77", "EH100234", "411.50"));
        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        sweep();

        Plan paid = services().plans().find(plan.id()).orElseThrow();
        assertEquals(200, first.statusCode());
        assertEquals(200, replay.statusCode());
        assertEquals(List.of("1 paid 411.50", "2 due 0.00", "3 due 0.00"), paid.installments()
                .stream().map(i -> i.number() + " " + i.state().code() + " "
                        + i.paid().toPlainString()).toList());
        assertEquals(1, paid.payments().size());
        assertEquals(List.of(), services().tasks().list(CLIENT, "open"));
        assertEquals("{\"from\":\"2026-12-01\",\"to\":\"2026-12-31\",\"payments\":1,"
                + "\"collected\":\"411.50\",\"plansCreated\":1,\"plansCompleted\":0,"
                + "\"plansBroken\":0,\"plansCancelled\":0,\"plansActiveNow\":1,"
                + "\"collectedOnPlans\":\"411.50\"}", parley.api("GET",
                "/api/clients/example-health/reports/plans?from=2026-12-01&to=2026-12-31", null,
                null).body());
    }

    @Test
    void atNightThePatientIsToldAtEightInTheMorningInTheWest() {
        SmsPhone phone = verifiedAlexBySms();
        Conversation sms = verified("EH100234");
        planFor("EH100234", "1234.50", sms);
        long before = services().conversations().lastSeq(sms.id());

        clock.set(Instant.parse("2026-12-21T03:00:00Z"));
        sweep();
        long atNight = services().conversations().lastSeq(sms.id());
        clock.set(Instant.parse("2026-12-21T16:00:00Z"));
        sweep();

        assertEquals(before, atNight);
        assertEquals(before + 1, services().conversations().lastSeq(sms.id()));
        assertEquals("Your plan payment of $411.50 due December 10, 2026 hasn't reached us. "
                + "Reply STOP to opt out. What would you like to do?", phone.next().body()
                .lines().findFirst().orElseThrow());
    }

    @Test
    void theSecondMissBreaksThePlanAndTheSpanishWebChatPatientIsToldSo() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("Ver mi saldo");
            chat.nextMessage();
            chat.say("mi cuenta es EH100587 y el código postal 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            while (!chat.nextMessage().get("text").asText().startsWith("¿Hay algo más")) {
                // the balance, read through to the question that ends the turn
            }
            Plan plan = planFor("EH100587", "3240.00", verified("EH100587"));

            clock.set(Instant.parse("2026-12-21T17:00:00Z"));
            sweep();
            chat.bot("Su pago del plan de $1,080.00 que vencía el 10 de diciembre de 2026 aún no "
                    + "nos ha llegado. ¿Qué desea hacer?");
            clock.set(Instant.parse("2027-01-21T17:00:00Z"));
            sweep();

            chat.bot("Como no se recibieron algunos pagos del plan, su plan de pagos terminó. "
                    + "Todavía puede pagar, crear un plan nuevo o hablar con una persona.");
            assertEquals(List.of("Pagar mi factura", "Plan de pagos", "Hablar con una persona"),
                    chat.bot("Su pago del plan de $1,080.00 que vencía el 10 de enero de 2027 aún "
                            + "no nos ha llegado. ¿Qué desea hacer?").get("options")
                            .findValuesAsText("label"));
            Plan broken = services().plans().find(plan.id()).orElseThrow();
            assertEquals(Plan.Status.BROKEN, broken.status());
            assertEquals(2, broken.misses());
        }
    }

    @Test
    void theClientReadsTheBrokenPlanWithItsHistoryAndSeesItInTheReport() throws Exception {
        verifiedAlexBySms();
        Plan plan = planFor("EH100234", "1234.50", verified("EH100234"));
        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        sweep();
        clock.set(Instant.parse("2027-01-21T17:00:00Z"));
        sweep();

        var plans = org.parley.web.Json.MAPPER.readTree(parley.api("GET",
                "/api/clients/example-health/accounts/EH100234/plans", null, null).body());
        var report = parley.api("GET",
                "/api/clients/example-health/reports/plans?from=2026-12-01&to=2027-01-31", null,
                null);
        var backwards = parley.api("GET",
                "/api/clients/example-health/reports/plans?from=2027-01-31&to=2026-12-01", null,
                null);

        var stored = plans.get("plans").get(0);
        assertEquals(plan.id(), stored.get("id").asText());
        assertEquals("broken", stored.get("status").asText());
        assertEquals("[{\"number\":1,\"due\":\"2026-12-10\",\"amount\":\"411.50\","
                + "\"paid\":\"0.00\",\"state\":\"missed\"},{\"number\":2,\"due\":\"2027-01-10\","
                + "\"amount\":\"411.50\",\"paid\":\"0.00\",\"state\":\"missed\"},{\"number\":3,"
                + "\"due\":\"2027-02-10\",\"amount\":\"411.50\",\"paid\":\"0.00\","
                + "\"state\":\"due\"}]", stored.get("versions").get(0).get("installments")
                .toString());
        assertEquals("[\"active\",\"broken\"]", stored.get("statusChanges")
                .findValuesAsText("status").stream().map(t -> "\"" + t + "\"").toList()
                .toString().replace(", ", ","));
        assertEquals(200, report.statusCode());
        assertEquals("{\"from\":\"2026-12-01\",\"to\":\"2027-01-31\",\"payments\":0,"
                + "\"collected\":\"0.00\",\"plansCreated\":1,"
                + "\"plansCompleted\":0,\"plansBroken\":1,\"plansCancelled\":0,"
                + "\"plansActiveNow\":0,\"collectedOnPlans\":\"0.00\"}", report.body());
        assertEquals(400, backwards.statusCode());
        assertEquals(404, parley.api("GET", "/api/clients/example-health/accounts/NOPE/plans",
                null, null).statusCode());
        assertEquals("bad_range", org.parley.web.Json.MAPPER.readTree(backwards.body())
                .get("error").asText());
    }

    @Test
    void aPatientWhoNeverProvedWhoTheyAreIsNotToldButAPersonIsAsked() {
        verifiedAlexBySms();
        Plan other = services().plans().create(CLIENT, "EH100999", new PlanCalculator().schedule(
                        new BigDecimal("300.00"), 3, Frequency.MONTHLY,
                        LocalDate.parse("2026-12-10"),
                        services().settings().planRules(CLIENT).orElseThrow()),
                services().settings().planRules(CLIENT).orElseThrow(),
                new ShownTerms("3 payments", "en", "sms"),
                new Agreement("c-agent", "sms", 3, "yes", clock.instant()),
                LocalDate.parse("2026-12-04"));

        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        sweep();

        assertEquals(1, services().tasks().list(CLIENT, "open").size());
        assertEquals("missed:" + other.id() + ":1",
                services().tasks().list(CLIENT, "open").get(0).key());
        assertEquals(Optional.empty(), services().tasks().list(CLIENT, "open").get(0)
                .conversationId());
    }

    @Test
    void payingAfterTheNoticeOffersTheMissedAmountFirst() {
        SmsPhone phone = verifiedAlexBySms();
        planFor("EH100234", "1234.50", verified("EH100234"));
        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        sweep();
        phone.next();

        phone.text("Pay my bill");

        phone.reply("You can pay the missed $411.50 or another amount. How much would you like "
                + "to pay today?");
    }

    @Test
    void changingThePlanAfterTheNoticeSaysTheMissedPaymentIsOverdueAndWhatIsDueNext() {
        SmsPhone phone = verifiedAlexBySms();
        planFor("EH100234", "1234.50", verified("EH100234"));
        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        sweep();
        phone.next();

        phone.text("2");

        phone.reply("""
                Your plan: 3 payments left, $1,234.50 in all. Overdue: $411.50 due December 10, \
                2026. Next: $411.50 due January 10, 2027.
                What would you like to change? For example: "move it to the 15th", "$100 a \
                month", "12 months", "skip a payment" or "cancel my plan".""");
    }
}
