package org.parley.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.parley.Parley;
import org.parley.payments.PaymentSource;
import org.parley.payments.ReportedPayment;
import org.parley.plans.Agreement;
import org.parley.plans.Frequency;
import org.parley.plans.Plan;
import org.parley.plans.PlanCalculator;
import org.parley.plans.PlanRules;
import org.parley.plans.Schedule;
import org.parley.plans.ShownTerms;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Parley for outreach tests: its settings, balance files, the sending job and its sends. */
final class OutreachFixture implements AutoCloseable {

    static final String CLIENT = "example-health";
    static final String HEADER = "account_number,first_name,last_name,date_of_birth,zip,phone,"
            + "email,preferred_language,encounter_id,service_date,provider,description,charges,"
            + "insurance_paid,adjustments,patient_responsibility,due_date";

    final TestParley parley;
    final TestClock clock;

    OutreachFixture(Path data, Map<String, String> env, TestClock clock) {
        this.clock = clock;
        this.parley = TestParley.start(data, env, clock);
    }

    /** Replaces the client's outreach settings; asserts they were taken. */
    void settings(String json) {
        HttpResponse<String> r = parley.api("PUT", "/api/clients/" + CLIENT
                + "/settings/outreach", "application/json", json);
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Imports balance rows under {@link #HEADER} (or {@code header}). */
    void balances(String header, String... rows) {
        parley.parley().services().balances().importCsv(CLIENT, (header + "\n"
                + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** One run of the sending job on this instance. */
    void send() {
        parley.parley().jobs().run(Outreach.SEND_JOB);
    }

    /** One run of the follow-up job. */
    void follow() {
        parley.parley().jobs().run(Outreach.FOLLOW_JOB);
    }

    Outbox outbox() {
        return parley.parley().services().outreach().outbox();
    }

    /** The send stored under {@code key}. */
    Document send(String key) {
        return parley.parley().store().database().getCollection(Outbox.COLLECTION)
                .find(new Document("_id", key)).first();
    }

    /** The sends API's answer for {@code query}, such as {@code account=EH1}. */
    JsonNode sends(String query) {
        HttpResponse<String> r = parley.api("GET", "/api/clients/" + CLIENT
                + "/outreach/sends?" + query, null, null);
        assertEquals(200, r.statusCode(), r.body());
        try {
            return Json.MAPPER.readTree(r.body()).get("sends");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A second worker over this Parley's store, as another instance's would be. */
    Sender worker() {
        return worker(Sender.WORKERS);
    }

    /** A sender over this Parley's store with {@code workers} workers side by side. */
    Sender worker(int workers) {
        Parley.Services s = parley.parley().services();
        return new Sender(outbox(), new Sender.Parts(s.clients(), s.accounts(), s.consent(),
                s.conversations(), new org.parley.conversation.ConversationStore(
                        parley.parley().store().database()),
                new OutreachSettingsSection(s.settings()), s.assistance()::collectionsPaused,
                s.audit(), s.renderer().languages()), Zones.load(),
                new ContactWindow(org.parley.compliance.QuietHours.standard()),
                new Throughput(parley.parley().store().database()), clock, workers);
    }

    /** A payment of {@code amount} on the account reported now by the client's webhook. */
    ReportedPayment payment(String id, String account, String amount) {
        return new ReportedPayment(CLIENT, id, account, new BigDecimal(amount), clock.instant(),
                "card", Optional.of("4242"), PaymentSource.WEBHOOK, Optional.empty(),
                Optional.empty());
    }

    /** A plan agreed by phone with a person: 3 monthly installments from December 10. */
    Plan planByPhone(String account, String balance) {
        Parley.Services s = parley.parley().services();
        PlanRules rules = s.settings().planRules(CLIENT).orElseThrow();
        Schedule schedule = new PlanCalculator().schedule(new BigDecimal(balance), 3,
                Frequency.MONTHLY, LocalDate.parse("2026-12-10"), rules);
        return s.plans().create(CLIENT, account, schedule, rules,
                new ShownTerms("3 payments", "en", "sms"),
                new Agreement("by-phone-" + account, "sms", 5, "yes", clock.instant()),
                LocalDate.parse("2026-12-04"));
    }

    @Override
    public void close() {
        parley.close();
    }
}
