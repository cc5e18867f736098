package org.parley.outreach.campaign;

import org.parley.outreach.Outreach;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A Parley in its own JVM for {@link CampaignCrashRestartTest}: on a data folder, with Twilio at
 * a fake on loopback and a clock that ticks from a given instant. With {@code setup} it first
 * imports {@code accounts} synthetic accounts, lets 50 texts a second go, defines a campaign
 * texting all of them on day 1 and schedules it; then it runs the sending job until it is
 * killed. Usage: {@code CampaignChild DATA_DIR TWILIO_URL START_INSTANT [setup ACCOUNTS]}.
 */
public final class CampaignChild {

    private CampaignChild() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Instant start = Instant.parse(args[2]);
        Map<String, String> env = new HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", org.parley.testing.FakeTwilio.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", org.parley.testing.FakeTwilio.AUTH_TOKEN,
                "TWILIO_API_BASE_URL", args[1],
                "PARLEY_PUBLIC_BASE_URL", "https://parley.example.test"));
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
        TestParley parley = TestParley.start(data, env, clock);
        if (args.length > 3 && args[3].equals("setup")) {
            setup(parley, Integer.parseInt(args[4]));
        }
        System.out.println("sending");
        System.out.flush();

        // The harness paces its own sending job instead of the 5 s timer, so the test does not
        // wait on it; the short park only spaces the runs of this child process.
        while (true) {
            parley.parley().jobs().run(Outreach.SEND_JOB);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** The phone number of synthetic account {@code i}: 555-01xx across area codes. */
    public static String phone(int i) {
        return "+1" + AREA_CODES[i / 100] + "55501" + String.format("%02d", i % 100);
    }

    /** The account number of synthetic account {@code i}. */
    public static String account(int i) {
        return "CR%06d".formatted(i);
    }

    private static final String[] AREA_CODES = {"404", "678", "470", "770", "762", "706"};

    private static void setup(TestParley parley, int accounts) {
        StringBuilder csv = new StringBuilder("account_number,first_name,last_name,date_of_birth,"
                + "zip,phone,email,preferred_language,encounter_id,service_date,provider,"
                + "description,charges,insurance_paid,adjustments,patient_responsibility,"
                + "due_date\n");
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < accounts; i++) {
            csv.append("%s,Pat,Test%d,1980-01-01,30318,%s,,en,CR-V-%06d,2026-10-01,Clinic,"
                    .formatted(account(i), i, phone(i), i))
                    .append("Visit,100.00,50.00,0.00,50.00,2026-12-31\n");
            list.append(account(i)).append('\n');
        }
        ok(parley.api("POST", "/api/clients/example-health/balances", "text/csv",
                csv.toString()), 200);
        ok(parley.api("PUT", "/api/clients/example-health/settings/outreach",
                "application/json", "{\"throughput\": {\"perSecond\": 50}}"), 200);
        HttpResponse<String> created = parley.api("POST", CampaignFixture.BASE,
                "application/json", """
                {"name": "Crash test", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"}],
                 "start": "2026-12-07", "end": "2026-12-31"}""");
        ok(created, 201);
        String id = CampaignFixture.json(created).get("id").asText();
        ok(parley.api("POST", CampaignFixture.BASE + "/" + id + "/audience", "text/csv",
                list.toString()), 200);
        if (!parley.parley().jobs().run(Campaigns.JOB)) {
            throw new IllegalStateException("The campaign job did not run");
        }
    }

    private static void ok(HttpResponse<String> res, int status) {
        if (res.statusCode() / 100 != status / 100) {
            throw new IllegalStateException("Expected " + status + " but got "
                    + res.statusCode() + ": " + res.body());
        }
    }
}
