package org.parley.assistance;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A verified patient whose account has an email address chooses where the application goes:
 * by email it arrives in their language, as text and HTML, with the documents it needs, the
 * application records email as its channel, and the chat says where it went.
 */
class AssistanceByEmailTest {

    static final TestClock CLOCK = new TestClock(TestParley.NOW);

    @TempDir
    static Path data;
    static MailServer mail;
    static TestParley parley;

    @BeforeAll
    static void start() {
        mail = MailServer.start();
        parley = TestParley.start(data, mail.env(), CLOCK);
    }

    @AfterAll
    static void stop() {
        parley.close();
        mail.close();
    }

    private static Application pending(String account) {
        return parley.parley().services().assistance().applications()
                .pending("example-health", account).orElseThrow();
    }

    private static EmailPatient patient(String address) {
        return new EmailPatient(parley, mail, address, CLOCK);
    }

    @Test
    void anEnglishPatientChoosesEmailAndGetsTheApplicationThere() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("no");
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();

            chat.say("03/14/1985 Rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Would you like the application by email, to a***@example.test, or here in "
                    + "the chat? Please answer \"email\" or \"here\".");

            chat.say("by email");
            String id = pending("EH100234").id();
            chat.bot("I've emailed your application for Example Health Care Assistance, number "
                    + id + ", to a***@example.test, with the list of documents to include. "
                    + "Questions? Call (555) 010-0177.");
            chat.bot("Is there anything else I can help you with?");
        }

        Application app = pending("EH100234");
        String link = "https://apply.example-health.example.test/assistance?ref=" + app.id()
                + "&lang=en";
        MimeMessage email = patient("alex.rivera@example.test").receives(
                "Here is your application for Example Health Care Assistance, number "
                        + app.id() + ": " + link + "\n\n"
                        + "Please include: proof of income (recent pay stubs or a benefits "
                        + "letter), a photo ID, and proof of address. Questions? Call Example "
                        + "Health Financial Counseling at (555) 010-0177.");
        assertTrue(EmailPatient.part(email, "text/html").contains(link.replace("&", "&amp;")),
                EmailPatient.part(email, "text/html"));
        assertEquals("email", app.channel());
        assertEquals(ApplicationStatus.SENT, app.status());
    }

    @Test
    void aSpanishPatientChoosesEmailAndGetsTheApplicationInSpanish() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("Ayuda financiera");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("no");
            chat.nextMessage();
            chat.say("sí");
            chat.nextMessage();

            chat.say("EH100587 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            chat.bot("¿Quiere recibir la solicitud por correo electrónico, a l***@example.test, "
                    + "o aquí en el chat? Responda \"correo\" o \"aquí\".");

            chat.say("por correo");
            String id = pending("EH100587").id();
            chat.bot("Le envié por correo electrónico su solicitud para Example Health Care "
                    + "Assistance, número " + id + ", a l***@example.test, con la lista de "
                    + "documentos que debe incluir. ¿Preguntas? Llame al (555) 010-0177.");
        }

        Application app = pending("EH100587");
        patient("lucia.hernandez@example.test").receives("Aquí está su solicitud para Example "
                + "Health Care Assistance, número " + app.id() + ": https://apply.example-health"
                + ".example.test/assistance?ref=" + app.id() + "&lang=es\n\n"
                + "Incluya: comprobante de ingresos (talones de pago recientes o una carta de "
                + "beneficios), una identificación con foto y comprobante de domicilio. "
                + "¿Preguntas? Llame a Example Health Financial Counseling al (555) 010-0177.");
        assertEquals("email", app.channel());
    }

    @Test
    void aPatientWhoSaysEmailWithTheirYesIsNotAskedAgain() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("what do I owe?");
            chat.nextMessage();
            chat.say("06/21/1990 Lee");
            while (!chat.nextMessage().get("text").asText()
                    .equals("Is there anything else I can help you with?")) {
                // The balance and its visits.
            }
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("no");
            chat.nextMessage();

            chat.say("yes, email it to me");

            String id = pending("EH100611").id();
            chat.bot("I've emailed your application for Example Health Care Assistance, number "
                    + id + ", to j***@example.test, with the list of documents to include. "
                    + "Questions? Call (555) 010-0177.");
        }

        patient("jordan.lee@example.test").next();
        assertEquals("email", pending("EH100611").channel());
    }

    @Test
    void aPatientWhoseEmailOptedOutIsNotAskedAndGetsTheApplicationHere() {
        parley.parley().services().consent().optOut("example-health", "email",
                "morgan.patel@example.test", "operator", java.util.Optional.empty());
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("no");
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();

            chat.say("EH100702 " + zip("EH100702"));

            chat.nextMessage();
            String id = pending("EH100702").id();
            chat.bot("Here is your application for Example Health Care Assistance, number " + id
                    + ": https://apply.example-health.example.test/assistance?ref=" + id
                    + "&lang=en");
        }

        assertEquals("webchat", pending("EH100702").channel());
    }

    private static String zip(String account) {
        return parley.parley().services().accounts().find("example-health", account)
                .orElseThrow().zip();
    }
}
