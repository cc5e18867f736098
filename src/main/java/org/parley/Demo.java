package org.parley;

import org.parley.assistance.AssistanceSettings;
import org.parley.assistance.AssistanceSettingsStore;
import org.parley.assistance.Program;
import org.parley.assistance.Region;
import org.parley.billing.BalanceImport;
import org.parley.channel.email.ClientMail;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.financing.FinancingPartner;
import org.parley.financing.FinancingPartners;
import org.parley.handoff.BusinessHours;
import org.parley.handoff.CannedReplies;
import org.parley.handoff.HandoffRules;
import org.parley.handoff.HandoffSettings;
import org.parley.plans.Frequency;
import org.parley.plans.PlanRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The demo client and its synthetic patients, seeded on a first start. */
final class Demo {

    static final String CLIENT_ID = "example-health";

    /**
     * The demo's plan rules: at least $25 an installment; up to 6 months for balances up to
     * $500, 12 up to $2,000, 24 up to $10,000; monthly or every two weeks; first payment within
     * 30 days; 10 grace days; two misses break a plan; one skip per plan.
     */
    static final PlanRules PLAN_RULES = PlanRules.builder(new BigDecimal("25.00"), List.of(
                    new PlanRules.Tier(new BigDecimal("500.00"), 6),
                    new PlanRules.Tier(new BigDecimal("2000.00"), 12),
                    new PlanRules.Tier(new BigDecimal("10000.00"), 24)))
            .frequencies(Frequency.MONTHLY, Frequency.BIWEEKLY)
            .firstPaymentWithinDays(30)
            .graceDays(10)
            .missesToBreak(2)
            .skipsAllowed(1)
            .build();

    /**
     * The demo's approved financing partners, synthetic: one for $200 to $10,000 with terms in
     * English and Spanish, one for $1,000 to $25,000 with terms in English only.
     */
    static final List<FinancingPartner> FINANCING = List.of(
            new FinancingPartner("Example Patient Finance", new BigDecimal("200.00"),
                    new BigDecimal("10000.00"), Map.of(
                    "en", "0% APR if paid in full within 12 months; otherwise 26.99% APR from "
                            + "the date of service. Subject to credit approval by Example Patient "
                            + "Finance, not Example Health.",
                    "es", "0% de interés (APR) si paga el total en 12 meses; si no, 26.99% APR "
                            + "desde la fecha del servicio. Sujeto a la aprobación de crédito de "
                            + "Example Patient Finance, no de Example Health."),
                    "https://apply.patient-finance.example.test/start?account={account}"
                            + "&amount={amount}",
                    List.of("en", "es")),
            new FinancingPartner("Example Care Lending", new BigDecimal("1000.00"),
                    new BigDecimal("25000.00"), Map.of(
                    "en", "Fixed monthly payments over 24 to 60 months at 9.99% to 17.99% APR. "
                            + "Subject to credit approval by Example Care Lending."),
                    "https://lending.example.test/apply?amount={amount}", List.of("en")));

    /**
     * The demo's assistance program: free care up to 200% of the poverty guideline, 75% off up
     * to 300%, 50% off up to 400%; an online application in English or Spanish.
     */
    static final AssistanceSettings ASSISTANCE = new AssistanceSettings(List.of(new Program(
            "care-assistance", "Example Health Care Assistance", List.of(
                    new Program.Tier(new BigDecimal("200"), new BigDecimal("100")),
                    new Program.Tier(new BigDecimal("300"), new BigDecimal("75")),
                    new Program.Tier(new BigDecimal("400"), new BigDecimal("50"))),
            List.of(new Program.RequiredDocument("proof_of_income", Map.of()),
                    new Program.RequiredDocument("photo_id", Map.of()),
                    new Program.RequiredDocument("proof_of_address", Map.of())),
            new Program.HowToApply(Program.Method.LINK, Optional.of("https://apply.example-health"
                    + ".example.test/assistance?ref={application}&lang={language}")),
            new Program.Office("Example Health Financial Counseling", "(555) 010-0177",
                    Optional.of("assistance@example-health.example.test"), Optional.empty()),
            List.of("en", "es"))), true, true, Region.CONTIGUOUS);
    /** The demo's people answer every day from 8 a.m. to 8 p.m. in New York. */
    static final HandoffRules HANDOFF = new HandoffRules(new BusinessHours(
            java.util.Arrays.stream(java.time.DayOfWeek.values()).collect(
                    java.util.stream.Collectors.toMap(d -> d, d -> List.of(
                            new BusinessHours.Window(java.time.LocalTime.of(8, 0),
                                    java.time.LocalTime.of(20, 0)))))), 4, Map.of());

    /** The demo agents' canned replies, in the client's two languages. */
    static final List<CannedReplies.Reply> CANNED_REPLIES = List.of(
            new CannedReplies.Reply("en", "Greeting", "Hi, this is the Example Health billing "
                    + "team. I have your conversation in front of me. How can I help?"),
            new CannedReplies.Reply("en", "Secure payment", "Please never send your card "
                    + "number here. I can send you a secure payment link instead."),
            new CannedReplies.Reply("en", "Closing", "Thank you for contacting Example Health. "
                    + "Have a good day."),
            new CannedReplies.Reply("es", "Saludo", "Hola, le escribe el equipo de facturación "
                    + "de Example Health. Tengo su conversación delante. ¿En qué puedo ayudarle?"),
            new CannedReplies.Reply("es", "Pago seguro", "Por favor, nunca envíe aquí el número "
                    + "de su tarjeta. Puedo enviarle un enlace de pago seguro."),
            new CannedReplies.Reply("es", "Despedida", "Gracias por comunicarse con Example "
                    + "Health. Que tenga un buen día."));

    private static final System.Logger LOG = System.getLogger(Demo.class.getName());

    private Demo() {
    }

    /** Adds the demo client and imports its balance file, once: a restart changes nothing. */
    static void seed(ClientStore clients, ClientSettings settings, BalanceImport balances) {
        if (clients.find(CLIENT_ID).isPresent()) {
            return;
        }
        clients.save(new Client(CLIENT_ID, "Example Health", ZoneId.of("America/New_York"), "USD",
                "(555) 010-0199", "+15555550100", List.of("en", "es")));
        settings.savePlanRules(CLIENT_ID, PLAN_RULES);
        ClientMail.save(settings, CLIENT_ID, new ClientMail("billing@example-health.test",
                "#0b5394"));
        // The demo's partners write their terms only in the client's own languages.
        Client client = clients.require(CLIENT_ID);
        new FinancingPartners(settings, Set.copyOf(client.languages())).save(client, FINANCING);
        new AssistanceSettingsStore(settings).save(CLIENT_ID, ASSISTANCE);
        new HandoffSettings(settings, Set.copyOf(client.languages())).save(CLIENT_ID, HANDOFF);
        new CannedReplies(settings, Set.copyOf(client.languages())).save(CLIENT_ID,
                CANNED_REPLIES);
        try (InputStream in = Demo.class.getResourceAsStream("/demo/example-health.csv")) {
            if (in == null) {
                throw new IllegalStateException("demo/example-health.csv is missing from the jar");
            }
            balances.importCsv(CLIENT_ID, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.log(System.Logger.Level.INFO, "Seeded demo client {0}", CLIENT_ID);
    }

    /** A fresh API token for a demo run without PARLEY_API_TOKEN. */
    static String token(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
