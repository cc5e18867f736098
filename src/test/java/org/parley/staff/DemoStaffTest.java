package org.parley.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded demo's staff: an admin, an agent and a QA reviewer, with passwords per start. */
class DemoStaffTest {

    private static final String DEMO_PASSWORD = "demo staff password 2026";

    @TempDir
    Path data;

    @Test
    void aDemoStartSeedsThreeMembersWithNewPasswordsAndARestartGivesThemTheConfiguredOne() {
        List<DemoStaff.Login> first;
        try (TestParley parley = TestParley.start(data)) {
            first = parley.parley().demoStaff();

            assertEquals(List.of("admin@example-health.test [admin]",
                    "agent@example-health.test [agent]", "qa@example-health.test [qa]"),
                    first.stream().map(l -> l.email() + " " + l.roles()).toList());
            assertTrue(first.stream().allMatch(l -> l.generated()
                    && l.password().matches("[a-km-z2-9]{16}")), first.toString());
            assertEquals(3, first.stream().map(DemoStaff.Login::password).distinct().count());
            for (DemoStaff.Login login : first) {
                assertEquals(200, new StaffHttp(parley).signIn(login.email(), login.password())
                        .statusCode(), login.email());
            }
            JsonNode agent = StaffHttp.json(new StaffHttp(parley).signIn(first.get(1).email(),
                    first.get(1).password())).get("member");
            assertEquals("Sam Agent [\"en\",\"es\"] [\"example-health\"]",
                    agent.get("displayName").asText() + " " + agent.get("languages") + " "
                            + agent.get("clients"));
        }

        try (TestParley parley = TestParley.start(data,
                Map.of("PARLEY_STAFF_DEMO_PASSWORD", DEMO_PASSWORD))) {
            List<DemoStaff.Login> second = parley.parley().demoStaff();

            assertEquals(3, parley.parley().staff().service().list().size());
            assertTrue(second.stream().noneMatch(DemoStaff.Login::generated));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, new StaffHttp(parley).signIn(second.get(i).email(),
                        DEMO_PASSWORD).statusCode());
                assertEquals(401, new StaffHttp(parley).signIn(first.get(i).email(),
                        first.get(i).password()).statusCode(), "the first start's password");
            }
        }
    }

    @Test
    void aLoginPrintsNoPasswordWhenLogged() {
        DemoStaff.Login login = new DemoStaff.Login("qa@example-health.test", "Riley Reviewer",
                List.of("qa"), DEMO_PASSWORD, false);

        assertEquals("Login[qa]", login.toString());
        assertFalse(login.toString().contains(DEMO_PASSWORD));
    }
}
