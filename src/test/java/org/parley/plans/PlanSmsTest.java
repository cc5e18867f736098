package org.parley.plans;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.Message;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Payment plans set up and changed by text message, in English and Spanish, through signed
 * webhooks and a fake Twilio: each text exactly as the phone shows it, each stored version
 * checked, and the terms stored as the one text the patient read.
 */
class PlanSmsTest {

    private static final String CLIENT = PlanPatients.CLIENT;
    private static final String ENGLISH_MENU = SmsPhone.MENU_EN;
    private static final String SPANISH_MENU = SmsPhone.MENU_ES;
    private static final String ENGLISH_OFFERS = """
            Monthly plans for your $1,234.50 balance (or reply "every two weeks"):
            1. 3 months: 3 payments of $411.50
            2. 6 months: 6 payments of $205.75
            3. 12 months: 12 payments of $102.87, the last $102.93
            Reply with a plan number, or what you can pay, like "$75 a month".""";
    private static final String SPANISH_OFFERS = """
            Planes mensuales para su saldo de $3,240.00 (o responda "cada dos semanas"):
            1. 3 meses: 3 pagos de $1,080.00
            2. 6 meses: 6 pagos de $540.00
            3. 12 meses: 12 pagos de $270.00
            4. 18 meses: 18 pagos de $180.00
            5. 24 meses: 24 pagos de $135.00
            Responda con el número del plan, o cuánto puede pagar, p. ej. "$75 al mes".""";

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static TestParley parley;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), new TestClock(TestParley.NOW));
        PlanPatients.english(parley, "EH930001", "+14045550131", "EH930002", "+14045550132");
        PlanPatients.spanish(parley, "EH940001", "+14045550133", "EH940002", "+14045550134");
        PlanPatients.spanish(parley, "EH940003", "+14045550135");
    }

    @AfterAll
    static void stop() {
        parley.close();
        twilio.close();
    }

    private static PlanStore plans() {
        return parley.parley().services().plans();
    }

    /** The patient's message the agreement names: it must be their yes as stored. */
    private static Message answer(Agreement agreement) {
        return parley.parley().services().conversations().messages(agreement.conversationId())
                .stream().filter(m -> m.seq() == agreement.seq()).findFirst().orElseThrow();
    }

    private static SmsPhone verifiedEnglish(String number, String account) {
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text("I'd like a payment plan");
        phone.reply("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.
                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");
        phone.text(account + " 30301");
        phone.reply("Thank you, Alex. I've confirmed your identity.\n" + ENGLISH_OFFERS);
        return phone;
    }

    private static SmsPhone verifiedSpanish(String number, String account) {
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text("Hola, quiero un plan de pagos");
        phone.reply("""
                Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su factura.
                Primero confirmemos su identidad: envíe fecha de nacimiento y apellido \
                (ej.: 14/03/1985 Rivera), o n.º de cuenta y código postal.""");
        phone.text(account + " 30318");
        phone.reply("Gracias, Lucía. Ya confirmé su identidad.\n" + SPANISH_OFFERS);
        return phone;
    }

    @Test
    void englishPatientSaysNoToOneOfferedPlanThenAgreesToAnother() {
        SmsPhone phone = verifiedEnglish("+14045550131", "EH930001");

        phone.text("2");
        phone.reply("""
                Your plan: 6 payments of $205.75 a month, $1,234.50 in all. First due January 3, \
                2027, last June 3, 2027.
                Reply YES to agree, or NO for other plans.""");
        phone.text("no");
        phone.reply("No problem, I haven't set anything up.\n" + ENGLISH_OFFERS);
        assertEquals(List.of(), plans().plans(CLIENT, "EH930001"));

        phone.text("the first one");
        String terms = """
                Your plan: 3 payments of $411.50 a month, $1,234.50 in all. Due:
                January 3, 2027: $411.50
                February 3, 2027: $411.50
                March 3, 2027: $411.50
                Reply YES to agree, or NO for other plans.""";
        phone.reply(terms);
        phone.text("YES");
        phone.reply("Your plan is set up. First payment $411.50 due January 3, 2027.\n"
                + ENGLISH_MENU);

        Plan plan = plans().active(CLIENT, "EH930001").orElseThrow();
        assertEquals(List.of("1 agreed: 3 x 411.50, 2027-01-03 to 2027-03-03"),
                PlanStories.versions(plan));
        assertEquals(terms, plan.current().terms().text());
        assertEquals("en sms", plan.current().terms().language() + " "
                + plan.current().terms().channel());
        Message yes = answer(plan.current().agreement());
        assertEquals("patient: YES", yes.from() + ": " + yes.text());
        assertEquals("sms", plan.current().agreement().channel());
    }

    @Test
    void englishPatientTakesACounterOfferMovesTheDayPaysMoreIsRefusedLessAndCancels() {
        SmsPhone phone = verifiedEnglish("+14045550132", "EH930002");

        phone.text("I can do $20 a month");
        String terms = """
                Payments must be at least $25.00. Closest plan:
                Your plan: 12 payments of $102.87 (the last $102.93) a month, $1,234.50 in all. \
                First due January 3, 2027, last December 3, 2027.
                Reply YES to agree, or NO for other plans.""";
        phone.reply(terms);
        phone.text("yes");
        phone.reply("Your plan is set up. First payment $102.87 due January 3, 2027.\n"
                + ENGLISH_MENU);
        assertEquals(terms, plans().active(CLIENT, "EH930002").orElseThrow().current().terms()
                .text());

        phone.text("move my payment to the 15th");
        phone.reply("""
                Your changed plan: 12 payments of $102.87 (the last $102.93) a month, $1,234.50 \
                in all. First due January 15, 2027, last December 15, 2027.
                Reply YES to agree, or NO to keep your plan.""");
        phone.text("yes");
        phone.reply("Done, your plan is updated. Your next payment of $102.87 is due January 15, "
                + "2027.\n" + ENGLISH_MENU);

        phone.text("can I pay $200 a month instead");
        phone.reply("""
                7 payments of $200.00 would be over the $1,234.50 left, so they are made equal.
                Your changed plan: 7 payments of $176.35 (the last $176.40) a month, $1,234.50 in \
                all. First due January 15, 2027, last July 15, 2027.
                Reply YES to agree, or NO to keep your plan.""");
        phone.text("yes");
        phone.reply("Done, your plan is updated. Your next payment of $176.35 is due January 15, "
                + "2027.\n" + ENGLISH_MENU);

        phone.text("can I pay $50 a month instead");
        phone.reply("""
                That's more payments than your plan allows. You can choose from 1 to 12 payments, \
                of $102.87 to $1,234.50 each.
                What would you like to change? For example: "move it to the 15th", "$100 a \
                month", "12 months", "skip a payment" or "cancel my plan".""");
        Plan changed = plans().active(CLIENT, "EH930002").orElseThrow();
        assertEquals(List.of(
                "1 agreed: 12 x 102.87, last 102.93, 2027-01-03 to 2027-12-03",
                "2 move_day 15: 12 x 102.87, last 102.93, 2027-01-15 to 2027-12-15",
                "3 new_amount 200.00: 7 x 176.35, last 176.40, 2027-01-15 to 2027-07-15"),
                PlanStories.versions(changed));
        assertEquals(3, changed.version());

        phone.text("cancel my plan");
        phone.reply("""
                If you cancel your payment plan, the $1,234.50 left on it will no longer be split \
                into payments.
                Cancel your plan? Reply YES or NO.""");
        phone.text("yes");
        phone.reply("Your payment plan is cancelled. If you'd like a new one, just ask.\n"
                + ENGLISH_MENU);

        assertEquals(Optional.empty(), plans().active(CLIENT, "EH930002"));
        Plan cancelled = plans().plans(CLIENT, "EH930002").getFirst();
        assertEquals(Plan.Status.CANCELLED, cancelled.status());
        Message yes = answer(cancelled.statusChanges().getLast().agreement().orElseThrow());
        assertEquals("patient: yes", yes.from() + ": " + yes.text());
    }

    @Test
    void spanishPatientSaysNoToOneOfferedPlanThenAgreesToAnother() {
        SmsPhone phone = verifiedSpanish("+14045550133", "EH940001");

        phone.text("la segunda");
        phone.reply("""
                Su plan: 6 pagos de $540.00 al mes, $3,240.00 en total. Primer pago el 3 de enero \
                de 2027, último el 3 de junio de 2027.
                Responda SÍ para aceptar o NO para ver otros planes.""");
        phone.text("no");
        phone.reply("No hay problema, no he establecido nada.\n" + SPANISH_OFFERS);

        phone.text("el de 12 meses");
        String terms = """
                Su plan: 12 pagos de $270.00 al mes, $3,240.00 en total. Primer pago el 3 de enero \
                de 2027, último el 3 de diciembre de 2027.
                Responda SÍ para aceptar o NO para ver otros planes.""";
        phone.reply(terms);
        phone.text("sí");
        phone.reply("Su plan quedó establecido. Primer pago de $270.00 el 3 de enero de 2027.\n"
                + SPANISH_MENU);

        Plan plan = plans().active(CLIENT, "EH940001").orElseThrow();
        assertEquals(List.of("1 agreed: 12 x 270.00, 2027-01-03 to 2027-12-03"),
                PlanStories.versions(plan));
        assertEquals(terms, plan.current().terms().text());
        assertEquals("es sms", plan.current().terms().language() + " "
                + plan.current().terms().channel());
        Message yes = answer(plan.current().agreement());
        assertEquals("patient: sí", yes.from() + ": " + yes.text());
    }

    @Test
    void spanishPatientTakesACounterOfferMovesTheDayPaysMoreIsRefusedLessAndCancels() {
        SmsPhone phone = verifiedSpanish("+14045550134", "EH940002");

        phone.text("puedo pagar $20 al mes");
        phone.reply("""
                Cada pago debe ser de al menos $25.00. Plan más parecido:
                Su plan: 24 pagos de $135.00 al mes, $3,240.00 en total. Primer pago el 3 de enero \
                de 2027, último el 3 de diciembre de 2028.
                Responda SÍ para aceptar o NO para ver otros planes.""");
        phone.text("sí");
        phone.reply("Su plan quedó establecido. Primer pago de $135.00 el 3 de enero de 2027.\n"
                + SPANISH_MENU);

        phone.text("cambiar mi pago al día 15");
        phone.reply("""
                Su plan con el cambio: 24 pagos de $135.00 al mes, $3,240.00 en total. Primer pago \
                el 15 de enero de 2027, último el 15 de diciembre de 2028.
                Responda SÍ para aceptar o NO para dejar su plan igual.""");
        phone.text("sí");
        phone.reply("Listo, su plan quedó actualizado. Su próximo pago, de $135.00, vence el 15 "
                + "de enero de 2027.\n" + SPANISH_MENU);

        phone.text("¿puedo pagar $300 al mes?");
        phone.reply("""
                11 pagos de $300.00 superarían los $3,240.00 restantes, así que se igualaron.
                Su plan con el cambio: 11 pagos de $294.54 (el último, $294.60) al mes, $3,240.00 \
                en total. Primer pago el 15 de enero de 2027, último el 15 de noviembre de 2027.
                Responda SÍ para aceptar o NO para dejar su plan igual.""");
        phone.text("sí");
        phone.reply("Listo, su plan quedó actualizado. Su próximo pago, de $294.54, vence el 15 "
                + "de enero de 2027.\n" + SPANISH_MENU);

        phone.text("¿puedo pagar $100 al mes?");
        phone.reply("""
                Son más pagos de los que permite su plan. Puede elegir de 1 a 24 pagos, de $135.00 \
                a $3,240.00 cada uno.
                ¿Qué desea cambiar? Por ejemplo: "al día 15", "$100 al mes", "12 meses", "saltar \
                un pago" o "cancelar mi plan".""");
        assertEquals(List.of(
                "1 agreed: 24 x 135.00, 2027-01-03 to 2028-12-03",
                "2 move_day 15: 24 x 135.00, 2027-01-15 to 2028-12-15",
                "3 new_amount 300.00: 11 x 294.54, last 294.60, 2027-01-15 to 2027-11-15"),
                PlanStories.versions(plans().active(CLIENT, "EH940002").orElseThrow()));

        phone.text("cancelar mi plan");
        phone.reply("""
                Si cancela su plan de pagos, los $3,240.00 que quedan ya no se dividirán en pagos.
                ¿Cancelar su plan? Responda SÍ o NO.""");
        phone.text("sí");
        phone.reply("Su plan de pagos quedó cancelado. Si desea uno nuevo, solo pídalo.\n"
                + SPANISH_MENU);

        assertEquals(Plan.Status.CANCELLED, plans().plans(CLIENT, "EH940002").getFirst()
                .status());
    }

    @Test
    void spanishPatientWithABiweeklyPlanWhoCanPayAnAmountEveryTwoWeeksIsShownTheChange() {
        SmsPhone phone = verifiedSpanish("+14045550135", "EH940003");
        phone.text("cada dos semanas");
        phone.next();
        phone.text("1");
        phone.next();
        phone.text("sí");
        phone.next();

        phone.text("puedo pagar $500 cada dos semanas");

        phone.reply("""
                7 pagos de $500.00 superarían los $3,240.00 restantes, así que se igualaron.
                Su plan con el cambio: 7 pagos de $462.85 (el último, $462.90) cada 2 semanas, \
                $3,240.00 en total. Primer pago el 18 de diciembre de 2026, último el 12 de marzo \
                de 2027.
                Responda SÍ para aceptar o NO para dejar su plan igual.""");
    }
}
