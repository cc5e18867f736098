package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Financial assistance over web chat, in English and in Spanish, as the patient reads it: told
 * about the program, an estimate from their own words, the application with its documents,
 * every change told in the open chat, the status asked at each point, and the discounted
 * balance; collection messages wait while the application is pending.
 */
class AssistanceWebChatTest {

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static HttpResponse<String> status(String id, String body) {
        HttpResponse<String> response = parley.api("POST", "/api/clients/example-health/"
                + "assistance/applications/" + id + "/status", "application/json", body);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static boolean paused(String account) {
        return parley.parley().services().assistance().collectionsPaused("example-health",
                account);
    }

    @Test
    void anEnglishPatientIsScreenedAppliesAndFollowsTheApplicationToApproval() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.bot("Hi, this is the billing assistant for Example Health. I can help you with "
                    + "your bill.");
            chat.bot("What would you like to do?");

            chat.say("I can't afford this bill");
            chat.bot("Example Health has a financial assistance program, Example Health Care "
                    + "Assistance, for patients who find it hard to pay. Depending on your "
                    + "household's income, it can lower your bill or cover it in full.");
            chat.bot("Would you like a quick estimate of what you may qualify for? I'll ask how "
                    + "many people live in your household and what they earn. Please answer yes "
                    + "or no.");

            chat.say("yes");
            chat.bot("How many people live in your household, including you? For example: 3, or "
                    + "\"just me\".");

            chat.say("we're a family of four");
            chat.bot("What is your household's total income before taxes? Write it as you like, "
                    + "for example \"$2,500 a month\", \"1,200 every two weeks\" or \"40k a "
                    + "year\".");

            chat.say("$2,500 a month");
            chat.bot("Thank you. With 4 people in your household and $30,000.00 a year, you may "
                    + "qualify for free care under Example Health Care Assistance.");
            chat.bot("This is only an estimate, not a decision. Example Health decides after "
                    + "reviewing your application.");
            chat.bot("Would you like to start an application? Please answer yes or no.");

            chat.say("yes");
            chat.bot("First I need to confirm who you are. Please send your date of birth and "
                    + "last name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                    + "code.");

            chat.say("03/14/1985 Rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Would you like the application by email, to a***@example.test, or here in "
                    + "the chat? Please answer \"email\" or \"here\".");
            chat.say("here");
            String id = parley.parley().services().assistance().applications()
                    .pending("example-health", "EH100234").orElseThrow().id();
            String link = "https://apply.example-health.example.test/assistance?ref=" + id
                    + "&lang=en";
            chat.bot("Here is your application for Example Health Care Assistance, number " + id
                    + ": " + link);
            chat.bot("Please include: proof of income (recent pay stubs or a benefits letter), a "
                    + "photo ID, and proof of address. Questions? Call Example Health Financial "
                    + "Counseling at (555) 010-0177.");
            chat.bot("Is there anything else I can help you with?");
            assertTrue(paused("EH100234"));

            chat.say("what happened with my application?");
            chat.bot("Your application " + id + " for Example Health Care Assistance was sent to "
                    + "you on December 4, 2026. Next: please complete it and send it with these "
                    + "documents: proof of income (recent pay stubs or a benefits letter), a photo "
                    + "ID, and proof of address. The application is at " + link);
            chat.bot("Is there anything else I can help you with?");

            status(id, "{\"status\":\"received\"}");
            String received = "Example Health received your application " + id + " on December "
                    + "4, 2026. Next: they will check it and review it. There is nothing you need "
                    + "to do now.";
            chat.bot(received);

            chat.say("any news on my application?");
            chat.bot(received);
            chat.bot("Is there anything else I can help you with?");

            status(id, "{\"status\":\"incomplete\",\"missing\":[\"proof_of_income\","
                    + "\"photo_id\"]}");
            String incomplete = "Your application " + id + " is missing proof of income (recent "
                    + "pay stubs or a benefits letter) and a photo ID. Next: please send them to "
                    + "Example Health Financial Counseling. Questions? Call (555) 010-0177.";
            chat.bot(incomplete);

            chat.say("status of my application");
            chat.bot(incomplete);
            chat.bot("Is there anything else I can help you with?");
            assertTrue(paused("EH100234"));

            status(id, "{\"status\":\"approved\",\"discountPercent\":75}");
            String approved = "Good news: your application " + id + " was approved on December 4, "
                    + "2026. You get 75% off, $925.88 less to pay. Your balance after the discount "
                    + "is $308.62.";
            chat.bot(approved);
            assertFalse(paused("EH100234"));

            chat.say("what happened with my application");
            chat.bot(approved);
            chat.bot("Is there anything else I can help you with?");

            chat.say("what do I owe?");
            chat.bot("Your balance is $308.62 for 2 visits. It is due by December 31, 2026 (in "
                    + "27 days).");
            chat.bot("September 2, 2026: Office visit with Dr. Lena Ortiz, $11.25");
            chat.bot("October 15, 2026: MRI, left knee with Northside Imaging, $297.37");
            // The approval's notice, its status and the balance each named the balance.
            assertEquals(3, parley.parley().services().audit()
                    .forConversation(chat.conversationId()).stream()
                    .filter(e -> e.event().equals("balance_disclosed")).count());
        }
    }

    @Test
    void aSpanishPatientIsScreenedAppliesAndFollowsTheApplicationToApproval() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.bot("Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con "
                    + "su factura.");
            chat.bot("¿Qué desea hacer?");

            chat.say("Ayuda financiera");
            chat.bot("Example Health tiene un programa de ayuda financiera, Example Health Care "
                    + "Assistance, para pacientes a quienes les cuesta pagar. Según los ingresos "
                    + "de su hogar, puede reducir su factura o cubrirla por completo.");
            chat.bot("¿Quiere un cálculo rápido de la ayuda que podría recibir? Le preguntaré "
                    + "cuántas personas viven en su hogar y cuánto ganan. Responda sí o no.");

            chat.say("sí");
            chat.bot("¿Cuántas personas viven en su hogar, contándole a usted? Por ejemplo: 3, o "
                    + "\"solo yo\".");

            chat.say("solo yo");
            chat.bot("¿Cuál es el ingreso total de su hogar antes de impuestos? Escríbalo como "
                    + "quiera, por ejemplo \"$2,500 al mes\", \"1,200 cada dos semanas\" o \"40 "
                    + "mil al año\".");

            chat.say("40 mil al año");
            chat.bot("Gracias. Con 1 persona en su hogar y $40,000.00 al año, podría recibir un "
                    + "descuento del 75% en su factura con Example Health Care Assistance.");
            chat.bot("Esto es solo un cálculo, no una decisión. Example Health decide después de "
                    + "revisar su solicitud.");
            chat.bot("¿Quiere empezar una solicitud? Responda sí o no.");

            chat.say("sí");
            chat.bot("Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su "
                    + "apellido (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su "
                    + "código postal.");

            chat.say("EH100587 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            chat.bot("¿Quiere recibir la solicitud por correo electrónico, a l***@example.test, "
                    + "o aquí en el chat? Responda \"correo\" o \"aquí\".");
            chat.say("aquí");
            String id = parley.parley().services().assistance().applications()
                    .pending("example-health", "EH100587").orElseThrow().id();
            chat.bot("Aquí está su solicitud para Example Health Care Assistance, número " + id
                    + ": https://apply.example-health.example.test/assistance?ref=" + id
                    + "&lang=es");
            chat.bot("Incluya: comprobante de ingresos (talones de pago recientes o una carta de "
                    + "beneficios), una identificación con foto y comprobante de domicilio. "
                    + "¿Preguntas? Llame a Example Health Financial Counseling al (555) "
                    + "010-0177.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            chat.say("¿qué pasó con mi solicitud?");
            chat.bot("Su solicitud " + id + " para Example Health Care Assistance se le envió el 4 "
                    + "de diciembre de 2026. Siguiente paso: complétela y envíela con estos "
                    + "documentos: comprobante de ingresos (talones de pago recientes o una carta "
                    + "de beneficios), una identificación con foto y comprobante de domicilio. La "
                    + "solicitud está en https://apply.example-health.example.test/assistance?ref="
                    + id + "&lang=es");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            status(id, "{\"status\":\"received\"}");
            chat.bot("Example Health recibió su solicitud " + id + " el 4 de diciembre de 2026. "
                    + "Siguiente paso: la revisarán. No tiene que hacer nada por ahora.");

            chat.say("estado de mi solicitud");
            chat.bot("Example Health recibió su solicitud " + id + " el 4 de diciembre de 2026. "
                    + "Siguiente paso: la revisarán. No tiene que hacer nada por ahora.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");
            assertTrue(paused("EH100587"));

            status(id, "{\"status\":\"incomplete\",\"missing\":[\"proof_of_address\"]}");
            chat.bot("A su solicitud " + id + " le falta: comprobante de domicilio. Siguiente "
                    + "paso: envíelo a Example Health Financial Counseling. ¿Preguntas? Llame al "
                    + "(555) 010-0177.");

            chat.say("¿ya revisaron mi solicitud?");
            chat.bot("A su solicitud " + id + " le falta: comprobante de domicilio. Siguiente "
                    + "paso: envíelo a Example Health Financial Counseling. ¿Preguntas? Llame al "
                    + "(555) 010-0177.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            status(id, "{\"status\":\"approved\",\"discountPercent\":\"75\"}");
            chat.bot("Buenas noticias: su solicitud " + id + " se aprobó el 4 de diciembre de "
                    + "2026. Recibe un descuento del 75%, $2,430.00 menos. Su saldo con el "
                    + "descuento es de $810.00.");
            assertFalse(paused("EH100587"));

            chat.say("¿qué pasó con mi solicitud?");
            chat.bot("Buenas noticias: su solicitud " + id + " se aprobó el 4 de diciembre de "
                    + "2026. Recibe un descuento del 75%, $2,430.00 menos. Su saldo con el "
                    + "descuento es de $810.00.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            chat.say("Ver mi saldo");
            chat.bot("Su saldo es de $810.00 por 2 visitas. Vence el 15 de enero de 2027 (dentro "
                    + "de 42 días).");
            chat.bot("20 de agosto de 2026: Emergency visit con Example Health Emergency "
                    + "Department, $525.00");
            chat.bot("10 de septiembre de 2026: Cardiology stress test con Dr. Tomás Peña, "
                    + "$285.00");
        }
    }

    @Test
    void aPatientWithoutAnApplicationIsToldSoAndHearsAboutTheProgram() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("what happened with my application?");
            chat.bot("First I need to confirm who you are. Please send your date of birth and "
                    + "last name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                    + "code.");
            chat.say("06/21/1990 Lee");
            chat.bot("Thank you, Jordan. I've confirmed your identity.");
            chat.bot("I don't see an application for financial assistance on your account.");
            chat.bot("Example Health has a financial assistance program, Example Health Care "
                    + "Assistance, for patients who find it hard to pay. Depending on your "
                    + "household's income, it can lower your bill or cover it in full.");
            chat.bot("Would you like a quick estimate of what you may qualify for? I'll ask how "
                    + "many people live in your household and what they earn. Please answer yes "
                    + "or no.");

            chat.say("no");
            chat.bot("Would you like to start an application? Please answer yes or no.");
            chat.say("no thanks");
            chat.bot("That's fine. If you change your mind, write \"financial assistance\" at any "
                    + "time.");
            chat.bot("Is there anything else I can help you with?");
        }
    }
}
