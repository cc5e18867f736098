package org.parley;

import io.helidon.logging.common.LogConfig;
import org.parley.assistance.Assistance;
import org.parley.billing.AccountStore;
import org.parley.billing.BalanceImport;
import org.parley.billing.ImportCommand;
import org.parley.channel.sms.SmsTemplateCheck;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.config.ParleyConfig;
import org.parley.dialog.CheckCommand;
import org.parley.dialog.ContentException;
import org.parley.i18n.LocaleContent;
import org.parley.nlu.IntentEvaluation;
import org.parley.payments.PaymentImport;
import org.parley.payments.PaymentImportCommand;
import org.parley.payments.PaymentLedger;
import org.parley.store.Store;
import org.parley.store.StoreUnavailableException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Parley's command line: {@code serve} (the default) runs the service, {@code import} loads a
 * balance file, {@code import-payments} records a payment file, {@code check} validates
 * dialogs and locales for content authors.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar target/parley.jar [command]
              serve                              run Parley (the default)
              import --client <clientId> <file>  import a balance CSV into the store
              import-payments --client <clientId> <file>
                                                 record a payments CSV: balances and receipts
              check                              validate dialogs/ and locales/
              evaluate [folder]                  score the intent models on held-out phrases
                                                 (default src/test/resources/nlu)
            Settings come from application.yaml and the environment (see README).""";

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "serve" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        ParleyConfig config;
        try {
            config = ParleyConfig.load(System.getenv());
            TrialClock.start(System.getenv());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            return switch (command) {
                case "serve" -> serve(config, out);
                case "import" -> importFile(config, rest, out, err);
                case "import-payments" -> importPayments(config, rest, out, err);
                case "check" -> check(config, out);
                case "evaluate" -> evaluate(config, rest, out);
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("Unknown command '" + command + "'.\n" + USAGE);
                    yield 2;
                }
            };
        } catch (ContentException | StoreUnavailableException | PortUnavailableException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int check(ParleyConfig config, PrintStream out) {
        int status = CheckCommand.run(config.dialogsDir(), config.localesDir(),
                Parley.actionOutcomes(), Parley.KEYS_USED_BY_CODE, out);
        if (status == 0) {
            SmsTemplateCheck.print(LocaleContent.loadAll(config.localesDir()), out);
        }
        return status;
    }

    private static int evaluate(ParleyConfig config, List<String> args, PrintStream out) {
        Path heldOut = Path.of(args.isEmpty() ? "src/test/resources/nlu" : args.get(0));
        IntentEvaluation.Report report = IntentEvaluation.run(
                LocaleContent.loadAll(config.localesDir()), heldOut);
        out.print(report.markdown());
        return report.meetsTarget() ? 0 : 1;
    }

    private static int serve(ParleyConfig config, PrintStream out) {
        long started = System.nanoTime();
        Optional<Instant> trial = TrialClock.start(System.getenv());
        trial.ifPresent(at -> out.println("The clock starts at " + at + " ("
                + TrialClock.VARIABLE + "): for trying dates only, never with real patients."));
        Parley parley = Parley.start(config, TrialClock.of(trial, Clock.systemUTC()));
        Runtime.getRuntime().addShutdownHook(new Thread(parley::close, "parley-shutdown"));
        String base = baseUrl(config.host(), parley.port());
        out.printf("""

                Parley is running (%d ms) on %s.
                  Patient web chat:  %s/chat
                  Agent console:     %s/agent    QA console: %s/qa
                  Simulated phone:   %s
                  Mailbox:           %s
                  Conversation API:  %s/api/conversations/{id}
                  Balance import:    POST %s/api/clients/example-health/balances
                  Payment webhook:   POST %s/payments/webhook/example-health
                  Store:             %s
                  API token:         %s
                  Webhook secret:    %s
                  Email webhook:     POST %s/email/inbound, secret %s
                %n""", (System.nanoTime() - started) / 1_000_000, base, base, base, base,
                parley.sms().devPhone() ? base + "/dev/phone (development only)"
                        : "off (Twilio is configured)",
                parley.email().devMail() ? base + "/dev/mail (development only)"
                        : "off (SMTP is configured)", base, base, base,
                config.mongoUri().isPresent() ? "MongoDB (MONGODB_URI)"
                        : "embedded, in " + config.dataDir().toAbsolutePath().normalize()
                        + "\n                     a second Parley shares it with MONGODB_URI="
                        + parley.store().embeddedUri().orElse("")
                        + " PARLEY_HANDOFF_FEED=polling PORT=8081",
                config.apiToken().isPresent() ? "(from PARLEY_API_TOKEN)" : parley.apiToken(),
                config.payments().webhookSecret().isPresent()
                        ? "(from PARLEY_PAYMENTS_WEBHOOK_SECRET)"
                        : parley.payments().webhookSecret(), base,
                config.email().inboundSecret().isPresent()
                        ? "(from PARLEY_EMAIL_INBOUND_SECRET)" : parley.email().inboundSecret());
        printDemoStaff(parley, out);
        out.printf("Stop with Ctrl+C.%n%n");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The address the banner names: the one Parley is bound to ({@code PARLEY_HOST}), or
     * {@code localhost} when it listens on every address.
     */
    static String baseUrl(String host, int port) {
        String bound = host.strip();
        if (bound.isEmpty() || bound.equals("0.0.0.0") || bound.equals("::")
                || bound.equals("[::]")) {
            bound = "localhost";
        } else if (bound.contains(":") && !bound.startsWith("[")) {
            bound = "[" + bound + "]";
        }
        return "http://" + bound + ":" + port;
    }

    /** The demo's staff sign-ins, printed here once and never logged. */
    private static void printDemoStaff(Parley parley, PrintStream out) {
        if (parley.demoStaff().isEmpty()) {
            return;
        }
        out.println("Demo staff sign-in (passwords are new at every start unless "
                + "PARLEY_STAFF_DEMO_PASSWORD is set):");
        for (var login : parley.demoStaff()) {
            out.printf("  %-11s %-32s %s%n", String.join(",", login.roles()), login.email(),
                    login.generated() ? login.password() : "(PARLEY_STAFF_DEMO_PASSWORD)");
        }
    }

    private static int importFile(ParleyConfig config, List<String> args, PrintStream out,
                                  PrintStream err) {
        // A wrong command line is answered before any folder is opened or created.
        Optional<String> usage = ImportCommand.usageError(args);
        if (usage.isPresent()) {
            err.println(usage.get());
            return 2;
        }
        try (Store store = Parley.openStore(config)) {
            ClientStore clients = new ClientStore(store.database());
            AccountStore accounts = new AccountStore(store.database());
            ClientSettings settings = new ClientSettings(store.database());
            BalanceImport balances = new BalanceImport(accounts, clients, Clock.systemUTC(),
                    config.importMaxRows(), Assistance.applications(store.database(), settings,
                            accounts, Clock.systemUTC()).adjustments());
            if (config.seedDemo()) {
                Demo.seed(clients, settings, balances);
            }
            return ImportCommand.run(args, balances, out, err);
        }
    }

    private static int importPayments(ParleyConfig config, List<String> args, PrintStream out,
                                      PrintStream err) {
        Optional<String> usage = PaymentImportCommand.usageError(args);
        if (usage.isPresent()) {
            err.println(usage.get());
            return 2;
        }
        // Receipts are said in conversations, so the whole content is loaded as for serving.
        Parley.Content content = Parley.loadContent(config);
        Clock clock = Clock.systemUTC();
        try (Store store = Parley.openStore(config)) {
            Parley.Services services = Parley.services(config, store, content, clock,
                    new SecureRandom());
            PaymentLedger ledger = PaymentLedger.create(store.database(), services.accounts(),
                    services.clients(), services.conversations(), services.audit(), clock);
            Parley.payPlans(ledger, services.plans());
            return PaymentImportCommand.run(args, new PaymentImport(ledger, services.clients(),
                    clock, config.importMaxRows()), out, err);
        }
    }
}
