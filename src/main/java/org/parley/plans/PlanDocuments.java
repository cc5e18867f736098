package org.parley.plans;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.plans.PlanChange.MoveDay;
import org.parley.plans.PlanChange.NewAmount;
import org.parley.plans.PlanChange.NewTerm;
import org.parley.plans.PlanChange.Skip;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plans as MongoDB documents: money as {@link Decimal128}, calendar dates as ISO strings,
 * instants as dates. The rules a version was agreed under are written in full, so a later change
 * of the client's settings never changes a stored plan.
 */
final class PlanDocuments {

    private PlanDocuments() {
    }

    /** The value of {@code activeSlot}: one per account while active, unique to the plan after. */
    static String slot(Plan plan) {
        return plan.active() ? activeSlot(plan.clientId(), plan.account()) : "closed:" + plan.id();
    }

    static String activeSlot(String clientId, String account) {
        return clientId + "\u0000" + account;
    }

    static Document write(Plan p) {
        return new Document("_id", p.id())
                .append("clientId", p.clientId())
                .append("account", p.account())
                .append("status", p.status().code())
                .append("activeSlot", slot(p))
                .append("nextDue", p.active()
                        ? p.nextDue().map(i -> i.due().toString()).orElse(null) : null)
                .append("version", p.version())
                .append("versions", p.versions().stream().map(PlanDocuments::version).toList())
                .append("payments", p.payments().stream().map(PlanDocuments::payment).toList())
                .append("misses", p.misses())
                .append("statusChanges", p.statusChanges().stream()
                        .map(PlanDocuments::statusChange).toList())
                .append("createdAt", Date.from(p.createdAt()))
                .append("updatedAt", Date.from(p.updatedAt()));
    }

    static Plan read(Document d) {
        return new Plan(d.getString("_id"), d.getString("clientId"), d.getString("account"),
                status(d.getString("status")), number(d, "version").longValue(),
                d.getList("versions", Document.class).stream().map(PlanDocuments::version)
                        .toList(),
                d.getList("payments", Document.class).stream().map(PlanDocuments::payment)
                        .toList(),
                number(d, "misses").intValue(),
                d.getList("statusChanges", Document.class).stream()
                        .map(PlanDocuments::statusChange).toList(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
    }

    private static Document version(PlanVersion v) {
        Schedule s = v.schedule();
        return new Document("number", v.number())
                .append("at", Date.from(v.at()))
                .append("change", v.change().map(PlanDocuments::change).orElse(null))
                .append("frequency", s.frequency().name())
                .append("start", s.start().toString())
                .append("downPayment", money(s.downPayment()))
                .append("amountFinanced", money(s.amountFinanced()))
                .append("total", money(s.total()))
                .append("skipsUsed", s.skipsUsed())
                .append("installments", v.installments().stream()
                        .map(PlanDocuments::installment).toList())
                .append("rules", rules(v.rules()))
                .append("terms", new Document("text", v.terms().text())
                        .append("language", v.terms().language())
                        .append("channel", v.terms().channel()))
                .append("agreement", agreement(v.agreement()))
                .append("skipped", v.skipped().map(PlanDocuments::installment).orElse(null));
    }

    private static PlanVersion version(Document d) {
        List<PlanInstallment> installments = d.getList("installments", Document.class).stream()
                .map(PlanDocuments::installment).toList();
        List<Schedule.Installment> scheduled = installments.stream()
                .filter(i -> i.number() > 0)
                .map(i -> new Schedule.Installment(i.number(), i.due(), i.amount()))
                .toList();
        Schedule schedule = new Schedule(money(d, "amountFinanced"), money(d, "downPayment"),
                Frequency.valueOf(d.getString("frequency")), LocalDate.parse(d.getString("start")),
                scheduled, money(d, "total"), number(d, "skipsUsed").intValue());
        Document terms = d.get("terms", Document.class);
        return new PlanVersion(number(d, "number").intValue(), d.getDate("at").toInstant(),
                Optional.ofNullable(d.get("change", Document.class)).map(PlanDocuments::change),
                schedule, rules(d.get("rules", Document.class)), installments,
                new ShownTerms(terms.getString("text"), terms.getString("language"),
                        terms.getString("channel")),
                agreement(d.get("agreement", Document.class)),
                Optional.ofNullable(d.get("skipped", Document.class))
                        .map(PlanDocuments::installment));
    }

    private static Document installment(PlanInstallment i) {
        return new Document("number", i.number())
                .append("due", i.due().toString())
                .append("amount", money(i.amount()))
                .append("state", i.state().code())
                .append("paid", money(i.paid()))
                .append("paymentIds", i.paymentIds());
    }

    private static PlanInstallment installment(Document d) {
        return new PlanInstallment(number(d, "number").intValue(),
                LocalDate.parse(d.getString("due")), money(d, "amount"),
                PlanInstallment.State.valueOf(d.getString("state").toUpperCase(Locale.ROOT)),
                money(d, "paid"), d.getList("paymentIds", String.class));
    }

    private static Document payment(PlanPayment p) {
        return new Document("paymentId", p.paymentId())
                .append("amount", money(p.amount()))
                .append("date", p.date().toString())
                .append("applied", money(p.applied()))
                .append("version", p.version())
                .append("at", Date.from(p.at()));
    }

    private static PlanPayment payment(Document d) {
        return new PlanPayment(d.getString("paymentId"), money(d, "amount"),
                LocalDate.parse(d.getString("date")), money(d, "applied"),
                number(d, "version").intValue(), d.getDate("at").toInstant());
    }

    private static Document statusChange(Plan.StatusChange c) {
        return new Document("status", c.status().code())
                .append("at", Date.from(c.at()))
                .append("reason", c.reason())
                .append("agreement", c.agreement().map(PlanDocuments::agreement).orElse(null));
    }

    private static Plan.StatusChange statusChange(Document d) {
        return new Plan.StatusChange(status(d.getString("status")), d.getDate("at").toInstant(),
                d.getString("reason"), Optional.ofNullable(d.get("agreement", Document.class))
                .map(PlanDocuments::agreement));
    }

    private static Document agreement(Agreement a) {
        return new Document("conversationId", a.conversationId())
                .append("channel", a.channel())
                .append("seq", a.seq())
                .append("text", a.text())
                .append("at", Date.from(a.at()));
    }

    private static Agreement agreement(Document d) {
        return new Agreement(d.getString("conversationId"), d.getString("channel"),
                number(d, "seq").longValue(), d.getString("text"), d.getDate("at").toInstant());
    }

    static Document change(PlanChange change) {
        return switch (change) {
            case MoveDay m -> new Document("kind", "move_day").append("dayOfMonth",
                    m.dayOfMonth());
            case NewAmount a -> new Document("kind", "new_amount").append("installment",
                    money(a.installment()));
            case NewTerm t -> new Document("kind", "new_term").append("installments",
                    t.installments());
            case Skip s -> new Document("kind", "skip");
        };
    }

    static PlanChange change(Document d) {
        String kind = d.getString("kind");
        return switch (kind) {
            case "move_day" -> new MoveDay(number(d, "dayOfMonth").intValue());
            case "new_amount" -> new NewAmount(money(d, "installment"));
            case "new_term" -> new NewTerm(number(d, "installments").intValue());
            case "skip" -> new Skip();
            default -> throw new IllegalStateException("Stored plan change kind '" + kind
                    + "' is unknown; expected move_day, new_amount, new_term or skip");
        };
    }

    static Document rules(PlanRules r) {
        return new Document("minimumInstallment", money(r.minimumInstallment()))
                .append("tiers", r.tiers().stream().map(t -> new Document("upTo",
                        money(t.upTo())).append("maxMonths", t.maxMonths())).toList())
                .append("downPaymentPercent", money(r.downPayment().percent()))
                .append("downPaymentMinimum", money(r.downPayment().minimum()))
                .append("frequencies", r.frequencies().stream().map(Enum::name).sorted()
                        .toList())
                .append("firstPaymentWithinDays", r.firstPaymentWithinDays())
                .append("graceDays", r.graceDays())
                .append("missesToBreak", r.missesToBreak())
                .append("remainder", r.remainder().name())
                .append("skipsAllowed", r.skipsAllowed());
    }

    static PlanRules rules(Document d) {
        List<PlanRules.Tier> tiers = d.getList("tiers", Document.class).stream()
                .map(t -> new PlanRules.Tier(money(t, "upTo"), number(t, "maxMonths").intValue()))
                .toList();
        return new PlanRules(money(d, "minimumInstallment"), tiers,
                new PlanRules.DownPayment(money(d, "downPaymentPercent"),
                        money(d, "downPaymentMinimum")),
                d.getList("frequencies", String.class).stream().map(Frequency::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Frequency.class))),
                number(d, "firstPaymentWithinDays").intValue(), number(d, "graceDays").intValue(),
                number(d, "missesToBreak").intValue(),
                PlanRules.Remainder.valueOf(d.getString("remainder")),
                number(d, "skipsAllowed").intValue());
    }

    private static Plan.Status status(String code) {
        return Plan.Status.valueOf(code.toUpperCase(Locale.ROOT));
    }

    static Decimal128 money(BigDecimal amount) {
        return new Decimal128(amount);
    }

    private static BigDecimal money(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }

    private static Number number(Document d, String field) {
        return d.get(field, Number.class);
    }
}
