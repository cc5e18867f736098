package org.parley.outreach;

import org.junit.jupiter.api.Test;
import org.parley.Parley;
import org.parley.payments.ReportedPayment;
import org.parley.plans.Plan;
import org.parley.testing.SmsPhone;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alerts from events, each once and each only when the client turned it on: an installment
 * coming due, an installment missed by a patient Parley cannot tell in a verified
 * conversation, a plan agreed outside one, a payment whose receipt had nowhere to go.
 */
class OutreachAlertsTest extends OutreachSmsCase {

    @Test
    void aReminderGoesTheClientsNumberOfDaysBeforeAnInstallmentIsDue() {
        fx.settings("{\"alerts\": {\"installment_due\": true}, \"dueDays\": 3}");
        Plan plan = plan("EH100611", "85.00");

        clock.set(Instant.parse("2026-12-06T15:00:00Z"));
        fx.follow();
        int before = fx.sends("account=EH100611").size();
        clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        fx.follow();
        fx.follow();

        assertEquals(0, before);
        assertEquals(List.of("installment_due:" + plan.id() + ":1 installment_due"),
                keys("EH100611"));
    }

    @Test
    void aMissedInstallmentOfAPatientWithNoVerifiedConversationIsTextedGenericallyOnce() {
        fx.settings("{\"alerts\": {\"installment_missed\": true}}");
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550182");
        fx.balances(OutreachFixture.HEADER, "EH100702,Morgan,Patel,1967-07-04,30309,"
                + "+14045550182,morgan.patel@example.test,en,EH-V-69951,2026-09-18,Dr. Lena Ortiz,"
                + "Follow-up,240.00,0.00,0.00,240.00,2026-12-31");
        Plan plan = plan("EH100702", "240.00");

        clock.set(Instant.parse("2026-12-21T17:00:00Z"));
        fx.parley.parley().jobs().run(Parley.MISSED_PAYMENTS_JOB);
        fx.parley.parley().jobs().run(Parley.MISSED_PAYMENTS_JOB);
        fx.send();

        assertEquals(List.of("installment_missed:missed:" + plan.id() + ":1 installment_missed"),
                keys("EH100702"));
        phone.reply(GENERIC_EN);
    }

    @Test
    void aPlanAgreedOutsideAVerifiedConversationIsConfirmedByAnAlert() {
        fx.settings("{\"alerts\": {\"plan_changed\": true}}");

        Plan plan = plan("EH100611", "85.00");

        assertEquals(List.of("plan_changed:" + plan.id() + ":1 plan_changed"), keys("EH100611"));
    }

    @Test
    void aPaymentWhoseReceiptHadNoVerifiedConversationIsAnAlertAndNothingWhenTheAlertIsOff() {
        fx.parley.parley().payments().ledger().record(payment("PAY-1", "10.00"));
        fx.settings("{\"alerts\": {\"payment_received\": true}}");

        fx.parley.parley().payments().ledger().record(payment("PAY-2", "15.00"));

        assertEquals(List.of("payment_received:example-health:PAY-2 payment_received"),
                keys("EH100611"));
    }

    @Test
    void anAssistanceChangeNoVerifiedConversationCarriedIsOneAlertWhenTheAlertIsOn() {
        Outreach outreach = fx.parley.parley().services().outreach();
        outreach.unreachedAssistance(OutreachFixture.CLIENT, "EH100845", "example-health:app-1:0");
        fx.settings("{\"alerts\": {\"assistance_status\": true}}");

        outreach.unreachedAssistance(OutreachFixture.CLIENT, "EH100845", "example-health:app-1:1");
        outreach.unreachedAssistance(OutreachFixture.CLIENT, "EH100845", "example-health:app-1:1");

        assertEquals(List.of("assistance_status:example-health:app-1:1 assistance_status"),
                keys("EH100845"));
    }

    private List<String> keys(String account) {
        return java.util.stream.StreamSupport.stream(fx.sends("account=" + account).spliterator(),
                false).map(s -> s.get("key").asText() + " " + s.get("event").asText()).toList();
    }

    private ReportedPayment payment(String id, String amount) {
        return fx.payment(id, "EH100611", amount);
    }

    private Plan plan(String account, String balance) {
        return fx.planByPhone(account, balance);
    }
}
