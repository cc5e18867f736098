package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.outreach.Outbox;
import org.parley.plans.Plan;
import org.parley.plans.PlanStore;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the accounts of a client a campaign's audience rules take in, reading each account once
 * with only the fields the rules need: balances are summed from the stored {@link Decimal128}
 * shares, so a bound is compared exactly.
 */
final class AudienceSelector {

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> sends;
    private final PlanStore plans;

    AudienceSelector(MongoDatabase db, PlanStore plans) {
        this.accounts = db.getCollection("accounts");
        this.conversations = db.getCollection("conversations");
        this.sends = db.getCollection(Outbox.COLLECTION);
        this.plans = plans;
    }

    /** The account numbers {@code audience}'s rules take in at {@code now}, in order. */
    List<String> select(Client client, Audience audience, Instant now) {
        LocalDate today = now.atZone(client.timeZone()).toLocalDate();
        Map<String, String> planStates = audience.planStates().isEmpty() ? Map.of()
                : planStates(client.id());
        Optional<Contacted> contacted = audience.noContactDays()
                .map(days -> contacted(client.id(), now.minus(Duration.ofDays(days))));
        String defaultLanguage = client.languages().isEmpty() ? "en" : client.languages().get(0);

        Set<String> chosen = new TreeSet<>();
        accounts.find(Filters.eq("clientId", client.id()))
                .projection(Projections.include("accountNumber", "phone", "email",
                        "preferredLanguage", "encounters.patientResponsibility",
                        AccountStore.FIRST_IMPORTED))
                .forEach(d -> {
                    String number = d.getString("accountNumber");
                    BigDecimal balance = balance(d);
                    if (audience.balanceMin().filter(min -> balance.compareTo(min) < 0).isPresent()
                            || audience.balanceMax().filter(max -> balance.compareTo(max) > 0)
                            .isPresent()) {
                        return;
                    }
                    if (!daysSinceFits(audience, d, client, today)) {
                        return;
                    }
                    if (!audience.planStates().isEmpty() && !audience.planStates()
                            .contains(planStates.getOrDefault(number, "none"))) {
                        return;
                    }
                    String language = Optional.ofNullable(d.getString("preferredLanguage"))
                            .filter(l -> !l.isBlank()).orElse(defaultLanguage);
                    if (!audience.languages().isEmpty()
                            && !audience.languages().contains(language)) {
                        return;
                    }
                    if (!audience.reachable().isEmpty() && audience.reachable().stream()
                            .noneMatch(channel -> has(d, channel.equals("sms") ? "phone"
                                    : "email"))) {
                        return;
                    }
                    if (contacted.isPresent() && contacted.get().any(number,
                            d.getString("phone"), d.getString("email"))) {
                        return;
                    }
                    chosen.add(number);
                });
        return List.copyOf(chosen);
    }

    /** The accounts {@code wanted} names, as {@link #matches} reads each number, sorted. */
    Set<String> existing(String clientId, List<String> wanted) {
        return new TreeSet<>(matches(clientId, wanted).values());
    }

    /**
     * The account each of {@code wanted} (numbers as a list wrote them) names, read as
     * verification reads a typed number ({@link AccountStore#findTyped}): the account written
     * exactly so, else the one account whose number is the same in upper case without its
     * {@code -}, {@code .}, {@code _} or {@code /}. A number that names no account, or two, is
     * left out. The client's accounts are read once, their numbers only.
     */
    Map<String, String> matches(String clientId, List<String> wanted) {
        Set<String> listed = new HashSet<>(wanted);
        Set<String> exact = new HashSet<>();
        Map<String, List<String>> same = new HashMap<>();
        wanted.forEach(w -> same.put(AccountStore.canonical(w), new ArrayList<>()));
        accounts.find(Filters.eq("clientId", clientId))
                .projection(Projections.include("accountNumber"))
                .forEach(d -> {
                    String number = d.getString("accountNumber");
                    if (listed.contains(number)) {
                        exact.add(number);
                    }
                    Optional.ofNullable(same.get(AccountStore.canonical(number)))
                            .ifPresent(found -> found.add(number));
                });
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : wanted) {
            List<String> found = same.get(AccountStore.canonical(w));
            if (exact.contains(w)) {
                out.put(w, w);
            } else if (found.size() == 1) {
                out.put(w, found.get(0));
            }
        }
        return out;
    }

    private static BigDecimal balance(Document d) {
        BigDecimal total = BigDecimal.ZERO;
        for (Document visit : d.getList("encounters", Document.class, List.of())) {
            Decimal128 share = visit.get("patientResponsibility", Decimal128.class);
            if (share != null) {
                total = total.add(share.bigDecimalValue());
            }
        }
        return total;
    }

    private static boolean daysSinceFits(Audience audience, Document d, Client client,
                                         LocalDate today) {
        if (audience.daysSinceMin().isEmpty() && audience.daysSinceMax().isEmpty()) {
            return true;
        }
        Date first = d.getDate(AccountStore.FIRST_IMPORTED);
        if (first == null) {
            // Imported before Parley recorded first statements: the age is unknown.
            return false;
        }
        long days = ChronoUnit.DAYS.between(first.toInstant().atZone(client.timeZone())
                .toLocalDate(), today);
        return audience.daysSinceMin().map(min -> days >= min).orElse(true)
                && audience.daysSinceMax().map(max -> days <= max).orElse(true);
    }

    private static boolean has(Document d, String field) {
        String value = d.getString(field);
        return value != null && !value.isBlank();
    }

    /**
     * Each account's plan state: active while it has an active plan, broken when its newest
     * plan broke, none otherwise (no plan, or one completed or cancelled).
     */
    private Map<String, String> planStates(String clientId) {
        Map<String, String> states = new HashMap<>();
        for (Plan plan : plans.plans(clientId)) {
            // Newest first: the first plan seen of an account is its newest.
            String now = plan.status() == Plan.Status.ACTIVE ? "active"
                    : plan.status() == Plan.Status.BROKEN ? "broken" : "none";
            states.merge(plan.account(), now, (seen, older) -> seen.equals("active")
                    || older.equals("active") ? "active" : seen);
        }
        return states;
    }

    /** Whom the client had a message with, in or out, since a time. */
    private record Contacted(Set<String> accounts, Set<String> phones, Set<String> emails) {

        boolean any(String account, String phone, String email) {
            return accounts.contains(account) || (phone != null && phones.contains(phone))
                    || (email != null && emails.contains(email.toLowerCase(Locale.ROOT)));
        }
    }

    private Contacted contacted(String clientId, Instant since) {
        Set<String> accountsSeen = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        conversations.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.gte("updatedAt", Date.from(since))))
                .projection(Projections.include("channel", "address", "dialog.verifiedAccount"))
                .forEach(c -> {
                    Document dialog = c.get("dialog", Document.class);
                    if (dialog != null && dialog.getString("verifiedAccount") != null) {
                        accountsSeen.add(dialog.getString("verifiedAccount"));
                    }
                    String address = c.getString("address");
                    if ("sms".equals(c.getString("channel")) && address != null) {
                        phones.add(address);
                    } else if ("email".equals(c.getString("channel")) && address != null) {
                        emails.add(address.toLowerCase(Locale.ROOT));
                    }
                });
        sends.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.gte("sentAt", Date.from(since))))
                .projection(Projections.include("account"))
                .forEach(s -> accountsSeen.add(s.getString("account")));
        return new Contacted(accountsSeen, phones, emails);
    }
}
