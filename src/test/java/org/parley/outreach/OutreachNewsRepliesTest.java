package org.parley.outreach;

import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerts that bring news rather than a bill (a plan agreed by phone, a payment whose
 * receipt had nowhere to go) offer numbered options in their generic first text, and a reply
 * "1" means what was offered: the patient proves who they are, then reads the details.
 */
class OutreachNewsRepliesTest extends OutreachSmsCase {

    @Test
    void aPlanAlertOffersThePlanAndAReplyOfOneShowsItAfterVerification() {
        fx.settings("{\"alerts\": {\"plan_changed\": true}}");
        SmsPhone alex = new SmsPhone(fx.parley, twilio, "+14045550123");
        fx.planByPhone("EH100234", "1234.50");

        fx.send();

        alex.reply("""
                Example Health has a billing message for you. Choose an option; we will confirm \
                who you are first. Help: (555) 010-0199. Reply STOP to opt out.
                1 See my plan
                2 Talk to a person
                Reply with a number from 1 to 2.""");
        alex.text("1");
        alex.reply(SmsPhone.VERIFY_EN);
        alex.text("03/14/1985 Rivera");
        alex.reply("""
                Thank you, Alex. I've confirmed your identity.
                Your payment plan is set. Your next payment of $411.50 is due December 10, 2026.
                """ + SmsPhone.MENU_EN);
    }

    @Test
    void aPaymentAlertInSpanishOffersTheBalanceAndAReplyOfOneTellsThePaymentAfterVerification() {
        fx.settings("{\"alerts\": {\"payment_received\": true}}");
        SmsPhone lucia = new SmsPhone(fx.parley, twilio, "+14045550147");
        fx.parley.parley().payments().ledger().record(fx.payment("PAY-7", "EH100587", "100.00"));

        fx.send();

        lucia.reply("""
                Example Health tiene un mensaje sobre su cuenta. Elija abajo; antes verificaremos \
                sus datos. Ayuda: (555) 010-0199. Responda STOP para no recibir mensajes.
                1 Ver mi saldo
                2 Hablar con una persona
                Responda con un número del 1 al 2.""");
        lucia.text("1");
        lucia.reply(SmsPhone.VERIFY_ES);
        lucia.text("02/11/1979 Hernández");
        assertEquals("""
                Gracias, Lucía. Ya confirmé su identidad.
                Recibimos su pago de $100.00 el 4 de diciembre de 2026. Su saldo ahora es de \
                $3,140.00.""", String.join("\n", lucia.next().body().lines().limit(2).toList()));
    }

    @Test
    void aReplyAskingForAPersonToAPaymentAlertReachesAPerson() {
        fx.settings("{\"alerts\": {\"payment_received\": true}}");
        SmsPhone alex = new SmsPhone(fx.parley, twilio, "+14045550123");
        fx.parley.parley().payments().ledger().record(fx.payment("PAY-8", "EH100234", "20.00"));
        fx.send();
        alex.next();

        alex.text("2");

        assertTrue(fx.parley.parley().services().conversations()
                .find(fx.send("payment_received:example-health:PAY-8").getString(
                        "conversationId")).orElseThrow().dialog().needsAgent());
    }
}
