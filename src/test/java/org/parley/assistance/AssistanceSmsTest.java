package org.parley.assistance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Financial assistance by text message, in English and in Spanish, each text exactly as the
 * patient's phone shows it: screening, the application, its changes told by text (status file
 * and API), the status asked at each point, and the discounted balance. Noon on the East
 * coast, within every continental zone's contact hours.
 */
class AssistanceSmsTest extends SmsCase {

    static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-04T17:00:00Z"));
    static final String MENU = SmsPhone.MENU_EN;
    static final String MENU_ES = SmsPhone.MENU_ES;

    @BeforeAll
    static void start() {
        startSms(CLOCK);
    }

    private static void file(String csv) {
        HttpResponse<String> response = parley.api("POST", "/api/clients/example-health/"
                + "assistance/status-file", "text/csv", csv);
        assertEquals(200, response.statusCode(), response.body());
    }

    private static void status(String id, String body) {
        HttpResponse<String> response = parley.api("POST", "/api/clients/example-health/"
                + "assistance/applications/" + id + "/status", "application/json", body);
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String pending(String account) {
        return parley.parley().services().assistance().applications()
                .pending("example-health", account).orElseThrow().id();
    }

    private static boolean paused(String account) {
        return parley.parley().services().assistance().collectionsPaused("example-health",
                account);
    }

    @Test
    void anEnglishPatientAppliesByTextAndIsToldOfEachChange() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");

        phone.text("I can't pay my bill");
        phone.reply("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.
                Example Health has a financial assistance program, Example Health Care Assistance, \
                for patients who find it hard to pay. Depending on your household's income, it can \
                lower your bill or cover it in full.
                Would you like a quick estimate of what you may qualify for? I'll ask how many \
                people live in your household and what they earn. Please answer yes or no.""");

        phone.text("Yes");
        phone.reply("How many people live in your household, including you? For example: 3, or "
                + "\"just me\".");

        phone.text("4 people");
        phone.reply("What is your household's total income before taxes? Write it as you like, "
                + "for example \"$2,500 a month\", \"1,200 every two weeks\" or \"40k a year\".");

        phone.text("around 1200");
        phone.reply("How often does your household get that amount: each week, every two weeks, "
                + "each month or each year?");

        phone.text("every two weeks");
        phone.reply("""
                Thank you. With 4 people in your household and $31,200.00 a year, you may qualify \
                for free care under Example Health Care Assistance.
                This is only an estimate, not a decision. Example Health decides after reviewing \
                your application.
                Would you like to start an application? Please answer yes or no.""");

        phone.text("yes please");
        phone.reply("First I need to confirm who you are. Please send your date of birth and "
                + "last name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                + "code.");

        phone.text("03/14/1985 Rivera");
        phone.reply("Thank you, Alex. I've confirmed your identity.\n"
                + "Would you like the application by email, to a***@example.test, or by text? "
                + "Please answer \"email\" or \"text\".");

        phone.text("text");
        String id = pending("EH100234");
        String link = "https://apply.example-health.example.test/assistance?ref=" + id
                + "&lang=en";
        phone.reply("Here is your application for Example Health Care Assistance, number " + id
                + ": " + link + "\n"
                + "Please include: proof of income (recent pay stubs or a benefits letter), a "
                + "photo ID, and proof of address. Questions? Call Example Health Financial "
                + "Counseling at (555) 010-0177.\n" + MENU);
        assertTrue(paused("EH100234"));

        phone.text("what happened with my application");
        phone.reply("Your application " + id + " for Example Health Care Assistance was sent to "
                + "you on December 4, 2026. Next: please complete it and send it with these "
                + "documents: proof of income (recent pay stubs or a benefits letter), a photo ID, "
                + "and proof of address. The application is at " + link + "\n" + MENU);

        file("application_id,status\n" + id + ",received\n");
        String received = "Example Health received your application " + id + " on December 4, "
                + "2026. Next: they will check it and review it. There is nothing you need to do "
                + "now.";
        phone.reply(received);

        phone.text("did you get my application?");
        phone.reply(received + "\n" + MENU);

        status(id, "{\"status\":\"incomplete\",\"missing\":[\"photo_id\"]}");
        String incomplete = "Your application " + id + " is missing a photo ID. Next: please send "
                + "it to Example Health Financial Counseling. Questions? Call (555) 010-0177.";
        phone.reply(incomplete);

        phone.text("status of my application");
        phone.reply(incomplete + "\n" + MENU);
        assertTrue(paused("EH100234"));

        file("application_id,status,discount_percent\n" + id + ",approved,100\n");
        String approved = "Good news: your application " + id + " was approved on December 4, "
                + "2026. You get 100% off, $1,234.50 less to pay. Your balance after the discount "
                + "is $0.00.";
        phone.reply(approved);
        assertFalse(paused("EH100234"));

        phone.text("any news on my application?");
        phone.reply(approved + "\n" + MENU);

        phone.text("1");
        phone.reply("Good news: you have no balance due with Example Health.\n" + MENU);
    }

    @Test
    void aSpanishPatientAppliesByTextAndIsToldOfEachChange() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550147");

        phone.text("no puedo pagar esta factura");
        phone.reply("""
                Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su \
                factura.
                Example Health tiene el programa de ayuda financiera Example Health Care \
                Assistance. Según sus ingresos, puede reducir o cubrir su factura.
                ¿Quiere un cálculo rápido de la ayuda que podría recibir? Le haré dos preguntas. \
                Responda sí o no.""");

        phone.text("si");
        phone.reply("¿Cuántas personas viven en su hogar, contándole a usted? Por ejemplo: 3, o "
                + "\"solo yo\".");

        phone.text("somos una familia de tres");
        phone.reply("¿Cuál es el ingreso total de su hogar antes de impuestos? Por ejemplo: "
                + "\"2500 al mes\" o \"40 mil al año\".");

        phone.text("$6,500 al mes");
        phone.reply("""
                Gracias. Con 3 personas en su hogar y $78,000.00 al año, podría recibir un \
                descuento del 75% en su factura con Example Health Care Assistance.
                Esto es solo un cálculo, no una decisión. Example Health decide después de \
                revisar su solicitud.
                ¿Quiere empezar una solicitud? Responda sí o no.""");

        phone.text("sí");
        phone.reply("Primero confirmemos su identidad: envíe fecha de nacimiento y apellido "
                + "(ej.: 14/03/1985 Rivera), o n.º de cuenta y código postal.");

        phone.text("2 de noviembre de 1979, Hernández");
        phone.reply("Gracias, Lucía. Ya confirmé su identidad.\n"
                + "¿Quiere recibir la solicitud por correo electrónico, a l***@example.test, o "
                + "por mensaje de texto? Responda \"correo\" o \"texto\".");

        phone.text("por mensaje de texto");
        String id = pending("EH100587");
        String link = "https://apply.example-health.example.test/assistance?ref=" + id
                + "&lang=es";
        String documents = "comprobante de ingresos (talones de pago recientes o una carta de "
                + "beneficios), una identificación con foto y comprobante de domicilio";
        phone.reply("Aquí está su solicitud para Example Health Care Assistance, número " + id
                + ": " + link + "\n"
                + "Incluya: " + documents + ". ¿Preguntas? Example Health Financial Counseling: "
                + "(555) 010-0177.\n" + MENU_ES);

        phone.text("¿qué pasó con mi solicitud?");
        phone.reply("Solicitud " + id + " (Example Health Care Assistance) enviada el 4 de "
                + "diciembre de 2026. Complétela y envíela con: " + documents + ". " + link + "\n"
                + MENU_ES);

        status(id, "{\"status\":\"received\"}");
        String received = "Example Health recibió su solicitud " + id + " el 4 de diciembre de "
                + "2026. La revisarán; no tiene que hacer nada por ahora.";
        phone.reply(received);

        phone.text("estado de mi solicitud");
        phone.reply(received + "\n" + MENU_ES);
        assertTrue(paused("EH100587"));

        file("application_id,status,missing_documents\n" + id
                + ",incomplete,proof_of_income;proof_of_address\n");
        String incomplete = "A su solicitud " + id + " le falta: comprobante de ingresos (talones "
                + "de pago recientes o una carta de beneficios) y comprobante de domicilio. "
                + "Envíelos a Example Health Financial Counseling. Tel.: (555) 010-0177";
        phone.reply(incomplete);

        phone.text("¿hay noticias de mi solicitud?");
        phone.reply(incomplete + "\n" + MENU_ES);

        file("application_id,status,missing_documents,discount_percent\n"
                + id + ",received,,\n" + id + ",approved,,75\n");
        String approved = "Solicitud " + id + " aprobada el 4 de diciembre de 2026: 75% de "
                + "descuento, $2,430.00 menos. Saldo: $810.00.";
        phone.reply(approved);
        assertFalse(paused("EH100587"));

        phone.text("¿qué pasó con mi solicitud?");
        phone.reply(approved + "\n" + MENU_ES);

        phone.text("1");
        phone.reply("Su saldo es de $810.00 por 2 visitas. Vence el 15 de enero de 2027 (dentro "
                + "de 42 días).\n"
                + "20 de agosto de 2026: Emergency visit con Example Health Emergency Department, "
                + "$525.00\n"
                + "10 de septiembre de 2026: Cardiology stress test con Dr. Tomás Peña, $285.00\n"
                + "Todavía no tenemos pagos registrados.\n" + MENU_ES);
    }
}
