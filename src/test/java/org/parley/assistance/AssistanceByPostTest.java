package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.handoff.AgentTasks;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A program whose form a person mails, in English only: the application starts as requested,
 * a task waits for a person, the patient reads the documents (the program's own in their
 * language) and that the form is in English; a patient with an application in progress who
 * asks for help again hears where it stands.
 */
class AssistanceByPostTest {

    static final String SETTINGS = """
            {"programs":[{"id":"mailed-care","name":"Mailed Care","tiers":[\
            {"upToPercentOfPoverty":250,"discountPercent":100}],"documents":[{"id":"tax_return"},\
            {"id":"residency","labels":{"en":"proof of residency","es":"comprobante de \
            residencia"}}],"apply":{"method":"post"},"office":{"name":"Patient Accounts",\
            "phone":"(555) 010-0188"},"languages":["en"]}]}""";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        HttpResponse<String> put = parley.api("PUT", "/api/clients/example-health/settings/"
                + "assistance", "application/json", SETTINGS);
        assertEquals(200, put.statusCode(), put.body());
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aMailedFormStartsAsRequestedWithATaskForAPerson() {
        try (ChatClient chat = parley.chat()) {
            chat.start("es");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("Ayuda financiera");
            chat.bot("Example Health tiene un programa de ayuda financiera, Mailed Care, para "
                    + "pacientes a quienes les cuesta pagar. Según los ingresos de su hogar, puede "
                    + "reducir su factura o cubrirla por completo.");
            chat.nextMessage();
            chat.say("no");
            chat.bot("¿Quiere empezar una solicitud? Responda sí o no.");
            chat.say("sí");
            chat.nextMessage();
            chat.say("EH100587 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            chat.bot("Le pedí a Patient Accounts que le envíe el formulario de solicitud para "
                    + "Mailed Care. Su número de solicitud es FA-1001.");
            chat.bot("Incluya: su última declaración de impuestos y comprobante de residencia. "
                    + "¿Preguntas? Llame a Patient Accounts al (555) 010-0188. La solicitud está "
                    + "en inglés; pueden ayudarle en su idioma.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            List<AgentTasks.Task> tasks = new AgentTasks(parley.parley().store().database(),
                    java.time.Clock.systemUTC()).list("example-health", "open");
            assertEquals(1, tasks.size());
            assertEquals("assistance-send:FA-1001 send_assistance_application EH100587",
                    tasks.get(0).key() + " " + tasks.get(0).kind() + " "
                    + tasks.get(0).accountNumber());
            assertEquals(Map.of("application", "FA-1001", "program", "mailed-care", "language",
                    "en", "documents", List.of("tax_return", "residency")),
                    tasks.get(0).details());

            chat.say("no puedo pagar");
            chat.bot("Usted ya tiene una solicitud de ayuda financiera.");
            chat.bot("Su solicitud FA-1001 para Mailed Care se pidió el 4 de diciembre de 2026. "
                    + "Siguiente paso: Patient Accounts le enviará el formulario. Tenga listos: su "
                    + "última declaración de impuestos y comprobante de residencia.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            HttpResponse<String> sent = parley.api("POST", "/api/clients/example-health/"
                    + "assistance/applications/FA-1001/status", "application/json",
                    "{\"status\":\"sent\"}");
            assertEquals(200, sent.statusCode(), sent.body());
            chat.bot("Su solicitud FA-1001 para Mailed Care se le envió el 4 de diciembre de 2026. "
                    + "Siguiente paso: complétela y envíela con estos documentos: su última "
                    + "declaración de impuestos y comprobante de residencia.");
        }
    }
}
