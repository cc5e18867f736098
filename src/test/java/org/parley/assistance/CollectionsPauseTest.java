package org.parley.assistance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.Parley;
import org.parley.conversation.Conversation;
import org.parley.plans.Agreement;
import org.parley.plans.Frequency;
import org.parley.plans.Plan;
import org.parley.plans.PlanCalculator;
import org.parley.plans.PlanInstallment;
import org.parley.plans.PlanRules;
import org.parley.plans.Schedule;
import org.parley.plans.ShownTerms;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The missed-payment notice of a plan waits while the account's assistance application is
 * pending, and goes once the application is decided; the installment is marked missed all the
 * same.
 */
class CollectionsPauseTest {

    private static final String CLIENT = "example-health";

    @TempDir
    Path data;
    FakeTwilio twilio;
    TestParley parley;
    final TestClock clock = new TestClock(TestParley.NOW);

    @BeforeEach
    void start() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), clock);
    }

    @AfterEach
    void stop() {
        parley.close();
        twilio.close();
    }

    @Test
    void aMissedPaymentNoticeIsWithheldWhileAnApplicationIsPending() {
        Parley.Services services = parley.parley().services();
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");
        phone.text("What do I owe?");
        phone.next();
        phone.text("03/14/1985 Rivera");
        phone.next();
        Conversation sms = services.conversations().latestVerified(CLIENT, "EH100234")
                .orElseThrow();
        PlanRules rules = services.settings().planRules(CLIENT).orElseThrow();
        Schedule schedule = new PlanCalculator().schedule(new BigDecimal("1234.50"), 3,
                Frequency.MONTHLY, LocalDate.parse("2026-12-10"), rules);
        Plan plan = services.plans().create(CLIENT, "EH100234", schedule, rules,
                new ShownTerms("3 payments", "en", "sms"),
                new Agreement(sms.id(), "sms", 5, "yes", clock.instant()),
                LocalDate.parse("2026-12-04"));
        String id = AssistanceFixture.open(parley, "EH100234");

        long before = services.conversations().lastSeq(sms.id());

        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        parley.parley().jobs().run(Parley.MISSED_PAYMENTS_JOB);
        long whilePending = services.conversations().lastSeq(sms.id());
        PlanInstallment.State first = services.plans().find(plan.id()).orElseThrow()
                .installments().get(0).state();
        services.assistance().move(CLIENT, id, new StatusUpdate(ApplicationStatus.WITHDRAWN,
                List.of(), Optional.empty(), Optional.empty()));
        parley.parley().jobs().run(Parley.MISSED_PAYMENTS_JOB);

        assertEquals(before, whilePending);
        assertEquals(PlanInstallment.State.MISSED, first);
        phone.reply("Your application " + id + " was withdrawn on December 21, 2026. You can "
                + "apply again at any time by writing \"financial assistance\".");
        phone.reply("""
                Your plan payment of $411.50 due December 10, 2026 hasn't reached us. Reply STOP \
                to opt out. What would you like to do?
                1 Pay my bill
                2 Payment plan
                3 Talk to a person
                Reply with a number from 1 to 3.""");
    }
}
