package org.parley.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JSON API reads its body with the one strict reader: a key given twice is refused with
 * 400 naming it, never read as whichever came last.
 */
class StrictJsonTest {

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

    @Test
    void aStaffMemberWithAKeyGivenTwiceIsRefusedNamingTheKey() {
        HttpResponse<String> response = parley.api("POST", "/api/staff", "application/json",
                "{\"email\":\"dana@example.test\",\"email\":\"eve@example.test\","
                        + "\"displayName\":\"Dana\",\"roles\":[\"agent\"]}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("Duplicate field 'email'"), response.body());
    }

    @Test
    void settingsWithAKeyGivenTwiceAreRefusedNamingTheKey() {
        HttpResponse<String> response = parley.api("PUT", "/api/clients/example-health/"
                + "settings/payments", "application/json", "{\"pageTemplate\":\"https://pay"
                + ".example.test/{token}\",\"pageTemplate\":\"https://other.example.test/"
                + "{token}\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("Duplicate field 'pageTemplate'"), response.body());
    }
}
