package org.parley.channel.email;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Message;
import org.parley.plans.Plan;
import org.parley.testing.EmailPatient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole conversations by email, in through the signed webhook and out through SMTP to an
 * in-process mail server, each message's words asserted exactly as the patient reads them.
 */
class EmailConversationTest extends EmailCase {

    private static final String CLIENT = "example-health";
    private static final String ENGLISH_MENU = """
            Is there anything else I can help you with?
            1 Check my balance
            2 Pay my bill
            3 Payment plan
            4 Financial assistance
            5 Talk to a person
            Reply with a number from 1 to 5.""";
    private static final String SPANISH_MENU = """
            ¿Hay algo más en lo que pueda ayudarle?
            1 Ver mi saldo
            2 Pagar mi factura
            3 Plan de pagos
            4 Ayuda financiera
            5 Hablar con una persona
            Responda con un número del 1 al 5.""";

    private static final String SPANISH_VERIFY = """
            Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su factura.

            Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su apellido \
            (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su código postal.""";

    @BeforeAll
    static void start() {
        startEmail(Map.of());
        String header = "account_number,first_name,last_name,date_of_birth,zip,phone,email,"
                + "preferred_language,encounter_id,service_date,provider,description,charges,"
                + "insurance_paid,adjustments,patient_responsibility,due_date\n";
        parley.parley().services().balances().importCsv(CLIENT, (header
                + "EH950001,Jordan,Blake,1988-06-01,30301,,jordan.plan@example.test,en,EH950001-1,"
                + "2026-09-02,Dr. Lena Ortiz,Office visit,180.00,120.00,15.00,45.00,2026-12-31\n"
                + "EH950001,Jordan,Blake,1988-06-01,30301,,jordan.plan@example.test,en,EH950001-2,"
                + "2026-10-15,Northside Imaging,MRI,2850.00,1500.00,160.50,1189.50,2026-12-31\n"
                + "EH960001,Marta,Ruiz,1975-04-09,30318,,marta.plan@example.test,es,"
                + "EH960001-1,2026-08-20,Example Health Emergency Department,Emergency visit,"
                + "4200.00,1900.00,200.00,2100.00,2027-01-15\n"
                + "EH960001,Marta,Ruiz,1975-04-09,30318,,marta.plan@example.test,es,"
                + "EH960001-2,2026-09-10,Dr. Tomás Peña,Cardiology stress test,2400.00,1100.00,"
                + "160.00,1140.00,2027-01-15\n"
                + "EH950002,Riley,Stone,1990-02-11,30302,,riley.owa@example.test,en,EH950002-1,"
                + "2026-10-15,Northside Imaging,MRI,2850.00,1500.00,115.50,1234.50,2026-12-31\n"
                + "EH950003,Morgan,Lee,1991-03-12,30303,,morgan.agree@example.test,en,EH950003-1,"
                + "2026-10-15,Northside Imaging,MRI,2850.00,1500.00,115.50,1234.50,2026-12-31\n"
                ).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void englishPatientEmailsForTheirBalance() {
        EmailPatient alex = email.patient("alex.rivera@example.test");

        alex.write("Question about my bill", "Hi, what do I owe?");
        alex.receives("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.

                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");

        alex.reply("03/14/1985 Rivera");
        alex.receives("""
                Thank you, Alex. I've confirmed your identity.

                Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 (in 27 days).

                September 2, 2026: Office visit with Dr. Lena Ortiz, $45.00
                October 15, 2026: MRI, left knee with Northside Imaging, $1,189.50

                Your last payment was $50.00 on November 2, 2026.

                """ + ENGLISH_MENU);

        alex.reply("5");
        alex.receives("""
                I've asked a person from Example Health to join this conversation. They will reach \
                out here shortly, or you can call (555) 010-0199.

                A person usually answers within 4 minutes. Anything you write here until then \
                reaches them.""");
    }

    @Test
    void spanishPatientIsAnsweredInSpanishByEmail() {
        EmailPatient lucia = email.patient("lucia.hernandez@example.test");

        lucia.write("Mi factura", "Hola, quiero ver mi saldo");
        lucia.receives(SPANISH_VERIFY);

        lucia.reply("2 de noviembre de 1979, Hernández");
        lucia.receives("""
                Gracias, Lucía. Ya confirmé su identidad.

                Su saldo es de $3,240.00 por 2 visitas. Vence el 15 de enero de 2027 \
                (dentro de 42 días).

                20 de agosto de 2026: Emergency visit con Example Health Emergency Department, \
                $2,100.00
                10 de septiembre de 2026: Cardiology stress test con Dr. Tomás Peña, $1,140.00

                Todavía no tenemos pagos registrados.

                """ + SPANISH_MENU);
    }

    @Test
    void englishPatientAgreesToAPaymentPlanByEmail() {
        EmailPatient jordan = email.patient("jordan.plan@example.test");

        jordan.write("Payment plan", "I'd like a payment plan");
        jordan.receives("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.

                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");
        jordan.reply("EH950001 30301");
        jordan.receives("""
                Thank you, Jordan. I've confirmed your identity.

                Here are the monthly plans I can offer for your balance of $1,234.50 (say "every \
                two weeks" for plans paid every two weeks):

                1. 3 months: 3 payments of $411.50
                2. 6 months: 6 payments of $205.75
                3. 12 months: 12 payments of $102.87, the last $102.93

                Reply with the number of the plan you'd like, or tell me what you can pay, for \
                example "$75 a month".""");

        jordan.reply("1");
        String terms = """
                Here are the terms of your plan: 3 payments of $411.50 a month, $1,234.50 in all. \
                Due dates:

                January 3, 2027: $411.50
                February 3, 2027: $411.50
                March 3, 2027: $411.50

                Do you agree to these terms? Reply YES to agree, or NO to see the other plans.""";
        jordan.receives(terms);
        jordan.reply("Yes");
        jordan.receives("""
                Thank you, your payment plan is set up. Your first payment of $411.50 is due \
                January 3, 2027.

                """ + ENGLISH_MENU);

        Plan plan = parley.parley().services().plans().active(CLIENT, "EH950001").orElseThrow();
        assertEquals(terms, plan.current().terms().text());
        assertEquals("en email", plan.current().terms().language() + " "
                + plan.current().terms().channel());
        Message yes = parley.parley().services().conversations()
                .messages(plan.current().agreement().conversationId()).stream()
                .filter(m -> m.seq() == plan.current().agreement().seq()).findFirst()
                .orElseThrow();
        assertEquals("patient: Yes", yes.from() + ": " + yes.text());
    }

    /** Asks for a plan, verifies with account and ZIP, and picks the first plan offered. */
    private static void atThreeMonthPlanTerms(EmailPatient patient, String accountAndZip) {
        patient.write("Payment plan", "I'd like a payment plan");
        patient.next();
        patient.reply(accountAndZip);
        patient.next();
        patient.reply("1");
        patient.next();
    }

    @Test
    void aYesFromOutlookOnTheWebAgreesToThePlanWithoutItsQuotedTerms() {
        EmailPatient riley = email.patient("riley.owa@example.test");
        atThreeMonthPlanTerms(riley, "EH950002 30302");

        riley.replyFromOutlookWeb("Yes");

        riley.receives("""
                Thank you, your payment plan is set up. Your first payment of $411.50 is due \
                January 3, 2027.

                """ + ENGLISH_MENU);
        Plan plan = parley.parley().services().plans().active(CLIENT, "EH950002").orElseThrow();
        Message yes = parley.parley().services().conversations()
                .messages(plan.current().agreement().conversationId()).stream()
                .filter(m -> m.seq() == plan.current().agreement().seq()).findFirst()
                .orElseThrow();
        assertEquals("patient: Yes", yes.from() + ": " + yes.text());
    }

    @Test
    void yesIAgreeAtThePlanTermsSetsThePlanUp() {
        EmailPatient morgan = email.patient("morgan.agree@example.test");
        atThreeMonthPlanTerms(morgan, "EH950003 30303");

        morgan.reply("Yes, I agree");

        morgan.receives("""
                Thank you, your payment plan is set up. Your first payment of $411.50 is due \
                January 3, 2027.

                """ + ENGLISH_MENU);
        assertTrue(parley.parley().services().plans().active(CLIENT, "EH950003").isPresent());
    }

    @Test
    void spanishPatientAgreesToAPaymentPlanByEmail() {
        EmailPatient marta = email.patient("marta.plan@example.test");

        marta.write("Plan de pagos", "Hola, quiero un plan de pagos");
        marta.receives(SPANISH_VERIFY);
        marta.reply("EH960001 30318");
        marta.receives("""
                Gracias, Marta. Ya confirmé su identidad.

                Estos son los planes mensuales que puedo ofrecerle para su saldo de $3,240.00 \
                (diga "cada dos semanas" para ver planes con pagos cada dos semanas):

                1. 3 meses: 3 pagos de $1,080.00
                2. 6 meses: 6 pagos de $540.00
                3. 12 meses: 12 pagos de $270.00
                4. 18 meses: 18 pagos de $180.00
                5. 24 meses: 24 pagos de $135.00

                Responda con el número del plan que prefiera, o dígame cuánto puede pagar, por \
                ejemplo "$75 al mes".""");

        marta.reply("el de 6 meses");
        String terms = """
                Estas son las condiciones de su plan: 6 pagos de $540.00 al mes, $3,240.00 en \
                total. El primero vence el 3 de enero de 2027 y el último el 3 de junio de 2027.

                ¿Acepta estas condiciones? Responda SÍ para aceptar, o NO para ver los otros \
                planes.""";
        marta.receives(terms);
        marta.reply("Sí");
        marta.receives("""
                Gracias, su plan de pagos quedó establecido. Su primer pago, de $540.00, vence el \
                3 de enero de 2027.

                """ + SPANISH_MENU);

        Plan plan = parley.parley().services().plans().active(CLIENT, "EH960001").orElseThrow();
        assertEquals(terms, plan.current().terms().text());
        assertEquals("es email", plan.current().terms().language() + " "
                + plan.current().terms().channel());
    }

    @Test
    void eachMessageIsThreadedBrandedAndCarriesItsOptOut() throws Exception {
        EmailPatient casey = email.patient("casey.headers@example.test");

        String question = casey.write("Balance question", "what do I owe");
        MimeMessage first = casey.next();
        // The mail server may hand the message over before Parley records it in the thread.
        email.drain();
        String reply = casey.reply("03/14/1985 Rivera");
        MimeMessage second = casey.next();

        assertEquals("Example Health <billing@example-health.test>",
                first.getHeader("From", ","));
        assertEquals("Re: Balance question", first.getSubject());
        assertEquals("Re: Balance question", second.getSubject());
        String id = first.getHeader("Message-ID", ",");
        assertTrue(id.matches("<parley\\.[0-9a-f]{24}@example-health\\.test>"), id);
        assertEquals("<" + question + ">", first.getHeader("In-Reply-To", ","));
        assertEquals("<" + question + ">", first.getHeader("References", ","));
        assertEquals("<" + reply + ">", second.getHeader("In-Reply-To", ","));
        assertEquals("<" + question + "> " + id + " <" + reply + ">",
                second.getHeader("References", ","));
        assertTrue(EmailPatient.header(first, "Reply-To")
                .matches("billing\\+r[a-z2-7]{42}@example-health\\.test"));
        assertEquals("auto-replied", first.getHeader("Auto-Submitted", ","));
        assertEquals("List-Unsubscribe=One-Click", first.getHeader("List-Unsubscribe-Post", ","));
        assertTrue(first.getHeader("List-Unsubscribe", ",").matches(
                "<https://parley\\.example\\.test/email/unsubscribe/u[a-z2-7]{42}>"));
        assertEquals("en", first.getHeader("Content-Language", ","));

        MimeMultipart parts = (MimeMultipart) first.getContent();
        assertTrue(parts.getContentType().startsWith("multipart/alternative"));
        String text = EmailPatient.part(first, "text/plain");
        String html = EmailPatient.part(first, "text/html");
        String unsubscribe = first.getHeader("List-Unsubscribe", ",").replaceAll("[<>]", "");
        assertEquals(EmailPatient.words(first) + """


                --\s
                This is an automated message from the billing assistant of Example Health. Reply \
                to this email to continue, or call (555) 010-0199 to reach a person.
                Unsubscribe from these emails:\s""" + unsubscribe + "\n",
                text.replace("\r\n", "\n"));
        assertTrue(html.contains(">Example Health</td>"), html);
        assertTrue(html.contains("background:#0b5394"), html);
        assertTrue(html.contains("<p style=\"margin:0 0 16px 0;\">Hi, this is the billing "
                + "assistant for Example Health. I can help you with your bill.</p>"), html);
        assertTrue(html.contains("<a href=\"" + unsubscribe + "\""), html);
    }
}
