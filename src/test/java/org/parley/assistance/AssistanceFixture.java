package org.parley.assistance;

import org.parley.billing.AccountStore;
import org.parley.billing.BalanceImport;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.store.Store;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An embedded store with the demo client, its patients and a test program, and the
 * applications over it, for tests below the web layer.
 */
final class AssistanceFixture implements AutoCloseable {

    static final String CLIENT = "example-health";

    /** Free care up to 200%, 75% off up to 300%, 50% off up to 400%; an online application. */
    static final Program PROGRAM = new Program("care-assistance", "Example Health Care Assistance",
            List.of(new Program.Tier(new BigDecimal("200"), new BigDecimal("100")),
                    new Program.Tier(new BigDecimal("300"), new BigDecimal("75")),
                    new Program.Tier(new BigDecimal("400"), new BigDecimal("50"))),
            List.of(new Program.RequiredDocument("proof_of_income", Map.of()),
                    new Program.RequiredDocument("photo_id", Map.of()),
                    new Program.RequiredDocument("residency", Map.of("en", "proof of residency",
                            "es", "comprobante de residencia"))),
            new Program.HowToApply(Program.Method.LINK, Optional.of(
                    "https://apply.example-health.example.test/a?ref={application}"
                            + "&lang={language}")),
            new Program.Office("Financial Counseling", "(555) 010-0177", Optional.empty(),
                    Optional.empty()), List.of("en", "es"));

    final Store store;
    final TestClock clock = new TestClock(TestParley.NOW);
    final ClientStore clients;
    final ClientSettings settings;
    final AccountStore accounts;
    final Applications applications;
    final BalanceImport balances;

    AssistanceFixture(Path dir) {
        store = Store.embedded(dir, "test");
        clients = new ClientStore(store.database());
        settings = new ClientSettings(store.database());
        accounts = new AccountStore(store.database());
        applications = Assistance.applications(store.database(), settings, accounts, clock);
        balances = new BalanceImport(accounts, clients, clock, 1000, applications.adjustments());
        clients.save(new Client(CLIENT, "Example Health", ZoneId.of("America/New_York"), "USD",
                "(555) 010-0199", "+15555550100", List.of("en", "es")));
        applications.settings().save(CLIENT, new AssistanceSettings(List.of(PROGRAM), true, true,
                Region.CONTIGUOUS));
        try (InputStream in = getClass().getResourceAsStream("/demo/example-health.csv")) {
            balances.importCsv(CLIENT, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an application for the account as the chat would, on web chat in English. */
    Application apply(String accountNumber) {
        return applications.open(new Applications.Opening(CLIENT, accountNumber, PROGRAM, "en",
                "webchat", "conversation-" + accountNumber, "en", true, Optional.empty()));
    }

    /** Opens an application on a running Parley for the demo program, as the chat would. */
    static String open(TestParley parley, String accountNumber) {
        Applications applications = parley.parley().services().assistance().applications();
        return applications.open(new Applications.Opening(CLIENT, accountNumber,
                applications.settings().get(CLIENT).programs().get(0), "en", "webchat",
                "conversation-" + accountNumber, "en", true, Optional.empty())).id();
    }

    Applications.Moved move(String id, String status) {
        return applications.move(CLIENT, id, new StatusUpdate(ApplicationStatus.of(status)
                .orElseThrow(), List.of(), Optional.empty(), Optional.empty()), "api");
    }

    Applications.Moved approve(String id, String percent) {
        return applications.move(CLIENT, id, new StatusUpdate(ApplicationStatus.APPROVED,
                List.of(), Optional.empty(), Optional.of(new BigDecimal(percent))), "api");
    }

    BigDecimal balance(String accountNumber) {
        return accounts.find(CLIENT, accountNumber).orElseThrow().totalDue();
    }

    @Override
    public void close() {
        store.close();
    }
}
