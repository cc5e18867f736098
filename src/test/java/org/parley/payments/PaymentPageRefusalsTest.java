package org.parley.payments;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every payment page template {@code PUT /api/clients/{id}/settings/payments} refuses. */
class PaymentPageRefusalsTest {

    private static final String PATH = "/api/clients/example-health/settings/payments";
    private static final String TEMPLATE =
            "{\"pageTemplate\": \"https://pay.example-health.test/p/{token}\"}";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        put(TEMPLATE);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no token | {"pageTemplate":"https://pay.example.test/checkout"} | pageTemplate must contain {token} where the link's value goes, such as "https://pay.example.test/p/{token}"
            plain http elsewhere | {"pageTemplate":"http://pay.example.test/p/{token}"} | pageTemplate must be an absolute https URL with a host, such as "https://pay.example.test/p/{token}" (http is accepted only for localhost, for tests); got http://pay.example.test/p/{token}
            another scheme | {"pageTemplate":"ftp://pay.example.test/{token}"} | pageTemplate must be an absolute https URL with a host, such as "https://pay.example.test/p/{token}" (http is accepted only for localhost, for tests); got ftp://pay.example.test/{token}
            relative | {"pageTemplate":"/pay/{token}"} | pageTemplate must be an absolute https URL with a host, such as "https://pay.example.test/p/{token}" (http is accepted only for localhost, for tests); got /pay/{token}
            a password in it | {"pageTemplate":"https://user:secret@pay.example.test/{token}"} | pageTemplate must not carry a user name or password; remove the part before '@'
            another placeholder | {"pageTemplate":"https://pay.example.test/{account}/{token}"} | pageTemplate has a placeholder Parley does not fill; use only [{token}]
            the token twice | {"pageTemplate":"https://pay.example.test/{token}/{token}"} | pageTemplate must contain {token} once, where the link's value goes, such as "https://pay.example.test/p/{token}"; got https://pay.example.test/{token}/{token}
            spaces | {"pageTemplate":"https://pay.example.test/p {token}"} | pageTemplate is not a valid URL (Illegal character in path); send an absolute https URL such as "https://pay.example.test/p/{token}"
            empty | {"pageTemplate":""} | pageTemplate must be a non-empty string; got ""
            missing | {} | pageTemplate is missing; send it
            unknown field | {"pageTemplate":"https://pay.example.test/{token}","url":"x"} | url is not a field here; send only [pageTemplate] (names are case-sensitive)
            """)
    void aBadTemplateIsRefusedByNameAndNothingChanges(String why, String body, String message) {
        HttpResponse<String> response = put(body);

        assertEquals(400, response.statusCode());
        String field = message.substring(0, message.indexOf(' '));
        assertEquals("{\"error\":\"invalid_setting\",\"message\":" + Json.write(message)
                + ",\"detail\":{\"field\":\"" + field + "\"}}", response.body());
        assertEquals(TEMPLATE.replace(" ", ""), parley.api("GET", PATH, null, null).body());
    }

    @Test
    void httpIsAcceptedOnThisMachineForTests() {
        try {
            assertEquals(200, put("{\"pageTemplate\":\"http://127.0.0.1:9/p/{token}\"}")
                    .statusCode());
            assertEquals(200, put("{\"pageTemplate\":\"http://localhost/p/{token}\"}")
                    .statusCode());
            assertEquals(200, put("{\"pageTemplate\":\"http://[::1]:8080/{token}\"}")
                    .statusCode());
        } finally {
            put(TEMPLATE);
        }
    }

    private static HttpResponse<String> put(String body) {
        return parley.api("PUT", PATH, "application/json", body);
    }
}
