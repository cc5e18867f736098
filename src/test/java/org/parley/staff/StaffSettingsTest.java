package org.parley.staff;

import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Staff settings read from {@code application.yaml} and the environment. */
class StaffSettingsTest {

    @Test
    void sessionsLastThirtyIdleMinutesAndTwelveHoursByDefault() {
        ParleyConfig.Staff staff = ParleyConfig.load(Map.of()).staff();

        assertEquals(Duration.ofMinutes(30), staff.idleTimeout());
        assertEquals(Duration.ofHours(12), staff.sessionLifetime());
        assertEquals(Optional.empty(), staff.demoPassword());
    }

    @Test
    void theEnvironmentSetsTheTimeoutsAndTheDemoPassword() {
        ParleyConfig.Staff staff = ParleyConfig.load(Map.of("PARLEY_STAFF_IDLE_TIMEOUT", "PT10M",
                "PARLEY_STAFF_SESSION_LIFETIME", "PT8H",
                "PARLEY_STAFF_DEMO_PASSWORD", "twelve chars")).staff();

        assertEquals(Duration.ofMinutes(10), staff.idleTimeout());
        assertEquals(Duration.ofHours(8), staff.sessionLifetime());
        assertEquals(Optional.of("twelve chars"), staff.demoPassword());
        assertFalse(staff.toString().contains("twelve chars"));
    }

    @Test
    void theSessionCookieIsSecureWhenThePublicBaseUrlIsHttps() {
        ParleyConfig https = ParleyConfig.load(Map.of("PARLEY_PUBLIC_BASE_URL",
                "https://parley.example.test"));
        ParleyConfig http = ParleyConfig.load(Map.of("PARLEY_PUBLIC_BASE_URL",
                "http://localhost:8080"));

        String cookie = new StaffAuth(null, null, Staff.secureCookies(https)).cookie("t0k3n")
                .text();

        assertEquals("parley_staff=t0k3n; Path=/; Secure; HttpOnly; SameSite=Strict", cookie);
        assertFalse(Staff.secureCookies(http));
        assertFalse(Staff.secureCookies(ParleyConfig.load(Map.of())));
    }

    @Test
    void aShortDemoPasswordIsRefusedAtStartWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_STAFF_DEMO_PASSWORD", "demo")));

        assertEquals("PARLEY_STAFF_DEMO_PASSWORD must be at least 12 characters long, like every "
                + "staff password; choose a longer one", e.getMessage());
    }

    @Test
    void aTimeoutThatIsNotAPositiveDurationIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_STAFF_IDLE_TIMEOUT", "30")));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_STAFF_SESSION_LIFETIME", "PT0S")));

        assertEquals("Setting staff.idle-timeout must be a positive ISO-8601 duration such as "
                + "PT30M, was '30'; fix it in application.yaml or PARLEY_STAFF_IDLE_TIMEOUT",
                e.getMessage());
        assertEquals("Setting staff.session-lifetime must be a positive ISO-8601 duration such "
                + "as PT30M, was 'PT0S'; fix it in application.yaml or "
                + "PARLEY_STAFF_SESSION_LIFETIME", zero.getMessage());
    }
}
