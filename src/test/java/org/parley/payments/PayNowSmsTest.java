package org.parley.payments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paying now by text message, in English and Spanish, with the client's own payment page: with
 * Twilio configured the sandbox is off, so every link must come from the client's template.
 */
class PayNowSmsTest extends SmsCase {

    private static final String PAGE = "https://pay.example-health.test/p/";
    private static final String MENU_EN = SmsPhone.MENU_EN;
    private static final String MENU_ES = SmsPhone.MENU_ES;

    @BeforeAll
    static void start() {
        startSms();
        assertEquals(200, parley.api("PUT", "/api/clients/example-health/settings/payments",
                "application/json", "{\"pageTemplate\": \"" + PAGE + "{token}\"}").statusCode());
    }

    @Test
    void englishAmountInTheFirstTextIsPaidThroughTheClientsPageOnce() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");

        phone.text("I can pay $200 today");
        phone.reply("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.
                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");

        phone.text("03/14/1985 Rivera");
        String link = replyWithLink(phone, """
                Thank you, Alex. I've confirmed your identity.
                Here is your secure payment link for $200.00: {link} It works once and expires in \
                30 minutes.
                """ + MENU_EN);

        PaymentLink paid = parley.parley().payments().links().redeem(Links.token(link));
        assertEquals("EH100234", paid.accountNumber());
        assertEquals(new BigDecimal("200.00"), paid.amount());
        assertThrows(PaymentLinkException.Used.class,
                () -> parley.parley().payments().links().redeem(Links.token(link)));
    }

    @Test
    void englishPatientIsAskedRefusedAboveTheBalanceAndPaysAllOfIt() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+15555550101");
        phone.text("pay my bill");
        phone.next();

        phone.text("03/14/1985 Rivera");
        phone.reply("""
                Thank you, Alex. I've confirmed your identity.
                How much would you like to pay today? Your balance is $1,234.50. You can pay \
                all of it or part.""");

        phone.text("2000");
        phone.reply("That's more than your balance of $1,234.50. Please send an amount up to "
                + "$1,234.50, or say \"all of it\".");

        phone.text("all of it");
        String link = replyWithLink(phone, """
                Here is your secure payment link for $1,234.50: {link} It works once and expires \
                in 30 minutes.
                """ + MENU_EN);
        assertEquals(new BigDecimal("1234.50"), Links.check(parley, link).amount());
    }

    @Test
    void spanishAmountInTheFirstTextGetsTheLinkInSpanish() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550147");

        phone.text("Quiero pagar 200 dólares hoy");
        phone.reply("""
                Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su \
                factura.
                Primero confirmemos su identidad: envíe fecha de nacimiento y apellido \
                (ej.: 14/03/1985 Rivera), o n.º de cuenta y código postal.""");

        phone.text("2 de noviembre de 1979, Hernández");
        String link = replyWithLink(phone, """
                Gracias, Lucía. Ya confirmé su identidad.
                Aquí tiene su enlace de pago seguro por $200.00: {link} Funciona una sola vez y \
                vence en 30 minutos.
                """ + MENU_ES);
        assertEquals("EH100587", Links.check(parley, link).accountNumber());
        assertEquals(new BigDecimal("200.00"), Links.check(parley, link).amount());
    }

    @Test
    void spanishPatientIsAskedRefusedAboveTheBalanceAndPaysTodo() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+15555550102");
        phone.text("español");
        phone.next();

        phone.text("quiero pagar");
        phone.next();
        phone.text("EH100587 30318");
        phone.reply("""
                Gracias, Lucía. Ya confirmé su identidad.
                ¿Cuánto desea pagar hoy? Su saldo es de $3,240.00. Puede pagarlo todo o una \
                parte.""");

        phone.text("5000");
        phone.reply("Esa cantidad es mayor que su saldo de $3,240.00. Envíe una cantidad de hasta "
                + "$3,240.00, o diga \"todo\".");

        phone.text("todo");
        String link = replyWithLink(phone, """
                Aquí tiene su enlace de pago seguro por $3,240.00: {link} Funciona una sola vez y \
                vence en 30 minutos.
                """ + MENU_ES);
        assertEquals(new BigDecimal("3240.00"), Links.check(parley, link).amount());
    }

    /** Asserts the next text is {@code expected} with the client's link at {@code {link}}. */
    private static String replyWithLink(SmsPhone phone, String expected) {
        String body = phone.next().body();
        Matcher m = Pattern.compile(Pattern.quote(PAGE) + "\\S+").matcher(body);
        assertTrue(m.find(), body);
        assertEquals(expected.replace("{link}", m.group()), body);
        return m.group();
    }
}
