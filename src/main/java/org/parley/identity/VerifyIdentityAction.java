package org.parley.identity;

import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.dialog.Action;
import org.parley.dialog.DialogEngine;
import org.parley.dialog.Turn;
import org.parley.i18n.LocaleContent;
import org.parley.nlu.IdentityEntities;
import org.parley.nlu.IntentClassifier;
import org.parley.nlu.Text;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks who the patient is: date of birth and last name, or account number and ZIP code,
 * gathered over one or several messages. Too many failures lock verification for the
 * conversation and ask for a person.
 */
public final class VerifyIdentityAction implements Action {

    private static final String DOB = "date_of_birth";
    private static final String NAME = "last_name";
    private static final String ACCOUNT = "account_number";
    private static final String ZIP = "zip";
    /** The request a message naming a date may still leave the question for. */
    private static final String PERSON = "talk_to_agent";
    private static final java.util.regex.Pattern NOT_A_NAME =
            java.util.regex.Pattern.compile("[\\p{N}\\p{Sc}]");

    private static final com.ibm.icu.text.Transliterator TO_LATIN =
            com.ibm.icu.text.Transliterator.getInstance("Any-Latin; Latin-ASCII");

    private final AccountStore accounts;
    private final VerificationThrottle throttle;
    private final int maxAttempts;
    private final Map<String, IdentityEntities> entities = new HashMap<>();
    private final Map<String, LocaleContent> locales;
    private final IntentClassifier classifier;

    public VerifyIdentityAction(AccountStore accounts, VerificationThrottle throttle,
                                int maxAttempts, Map<String, LocaleContent> locales,
                                IntentClassifier classifier, Clock clock) {
        this.accounts = accounts;
        this.classifier = classifier;
        this.throttle = throttle;
        this.maxAttempts = maxAttempts;
        this.locales = locales;
        locales.forEach((language, content) -> entities.put(language, new IdentityEntities(language,
                Set.copyOf(list(content, "filler-words")), new IdentityEntities.Cues(
                        list(content, "birth-words"), list(content, "payment-words")), clock)));
    }

    private static List<String> list(LocaleContent content, String name) {
        return content.keywords().getOrDefault(name, List.of()).stream()
                .map(LocaleContent.Entry::text).toList();
    }

    @Override
    public String name() {
        return "verify_identity";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("verified", "need_last_name", "need_date_of_birth", "need_zip",
                "need_account_number", "not_birth_date", "not_understood", "ambiguous", "failed",
                "locked");
    }

    /**
     * A message that speaks of a date, even in part ("a bill for 120.50 in May 2026"), answers
     * the identity question: it is read here, never taken for a request that leaves the step,
     * unless it plainly asks for a person.
     */
    @Override
    public boolean claims(Turn turn) {
        return entities.get(turn.language()).mentionsDate(turn.text())
                && classifier.classifyAny(turn.language(), turn.text())
                        .filter(m -> m.intent().equals(PERSON)
                                && m.confidence() >= DialogEngine.INTERRUPT_CONFIDENCE)
                        .isEmpty();
    }

    @Override
    public String run(Turn turn) {
        IdentityEntities.Found found = entities.get(turn.language()).find(turn.text(),
                new IdentityEntities.AccountNumbers(
                        letters -> accounts.isAccountPrefix(turn.clientId(), letters),
                        number -> accounts.findTyped(turn.clientId(), number).isPresent()));
        Map<String, String> slots = turn.slots();
        found.dateOfBirth().ifPresent(d -> slots.put(DOB, d.toString()));
        found.accountNumber().ifPresent(a -> slots.put(ACCOUNT, a));
        found.zip().ifPresent(z -> slots.put(ZIP, z));
        if (!found.nameWords().isEmpty() && (found.dateOfBirth().isPresent()
                || found.accountNumber().isPresent() || found.zip().isPresent()
                || nameAlone(turn))) {
            slots.put(NAME, String.join(" ", found.nameWords()));
        }

        // On a shared phone, only the patient the sender chose can be verified.
        String candidates = slots.get(IdentifyByPhoneAction.CANDIDATES);
        Optional<Set<String>> allowed = Optional.ofNullable(candidates)
                .map(list -> Set.of(list.split(",")));
        Optional<Boolean> match = Optional.empty();
        Optional<Account> account = Optional.empty();
        if (slots.containsKey(DOB) && slots.containsKey(NAME)) {
            List<Account> matching = accounts.findByDateOfBirth(turn.clientId(),
                            LocalDate.parse(slots.get(DOB))).stream()
                    .filter(a -> nameMatches(a.lastName(), slots.get(NAME)))
                    .filter(a -> allowed.map(set -> set.contains(a.accountNumber())).orElse(true))
                    .toList();
            if (matching.size() > 1) {
                // Twins, or a parent and child of one name and birthday: the first name decides,
                // or the account number does; never the first record that happens to match.
                matching = matching.stream()
                        .filter(a -> nameMatches(a.firstName(), slots.get(NAME))).toList();
                if (matching.size() != 1) {
                    slots.remove(DOB);
                    slots.remove(NAME);
                    return "ambiguous";
                }
            }
            account = matching.stream().findFirst();
            match = Optional.of(account.isPresent());
        } else if (slots.containsKey(ACCOUNT) && slots.containsKey(ZIP)) {
            account = accounts.findTyped(turn.clientId(), slots.get(ACCOUNT))
                    .filter(a -> a.zip().equals(slots.get(ZIP)));
            match = Optional.of(account.isPresent());
        }
        account = account
                .filter(a -> allowed.map(set -> set.contains(a.accountNumber())).orElse(true));

        if (match.isEmpty()) {
            // A date of paying or one to come, when a birth date is what is missing: ask for
            // it, spending no try.
            String missing = missing(slots);
            return found.otherDate() && (missing.equals("not_understood")
                    || missing.equals("need_date_of_birth")) ? "not_birth_date" : missing;
        }
        // The identity being guessed, whatever the conversation: a name or an account number.
        String key = slots.containsKey(NAME) && slots.containsKey(DOB)
                ? "name:" + String.join("", Text.words(latin(slots.get(NAME))))
                : "account:" + slots.get(ACCOUNT);
        if (throttle.blocked(turn.clientId(), key)) {
            slots.keySet().removeIf(k -> !k.equals(IdentifyByPhoneAction.CANDIDATES));
            turn.lock();
            return "locked";
        }
        slots.keySet().removeIf(k -> !k.equals(IdentifyByPhoneAction.CANDIDATES));
        if (account.isPresent()) {
            slots.clear();
            turn.verified(account.get().accountNumber());
            turn.put("firstName", account.get().firstName());
            return "verified";
        }
        throttle.failed(turn.clientId(), key, turn.conversationId());
        int failures = turn.failAttempt();
        if (failures >= maxAttempts) {
            turn.lock();
            return "locked";
        }
        turn.put("remaining", maxAttempts - failures);
        return "failed";
    }

    private static String missing(Map<String, String> slots) {
        if (slots.containsKey(DOB)) {
            return "need_last_name";
        }
        if (slots.containsKey(NAME)) {
            return "need_date_of_birth";
        }
        if (slots.containsKey(ACCOUNT)) {
            return "need_zip";
        }
        if (slots.containsKey(ZIP)) {
            return "need_account_number";
        }
        return "not_understood";
    }

    /**
     * "de la Cruz" matches "Maria de la Cruz" and "delacruz"; accents and case never matter, and
     * a name typed in another script is compared by its Latin transliteration ("Иванова" is
     * "ivanova").
     */
    /**
     * Whether a message with nothing else in it can be a last name: it has letters, no digits
     * or currency ("-$50 a month" is not one), and is not a yes or a no.
     */
    private boolean nameAlone(Turn turn) {
        String text = turn.text();
        return !NOT_A_NAME.matcher(text).find()
                && org.parley.nlu.YesNo.read(text, turn.language(), locales).isEmpty();
    }

    static boolean nameMatches(String lastName, String givenWords) {
        List<String> expected = Text.words(latin(lastName));
        String typed = String.join(" ", Text.words(latin(givenWords)));
        String given = " " + typed + " ";
        return given.contains(" " + String.join(" ", expected) + " ")
                || typed.replace(" ", "").equals(String.join("", expected));
    }

    private static String latin(String text) {
        synchronized (TO_LATIN) {
            return TO_LATIN.transliterate(text);
        }
    }
}
