package org.parley.nlu;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the answers to identity questions out of one message: a date of birth, a ZIP code, an
 * account number and the words that may be a last name. A patient may give several at once.
 */
public final class IdentityEntities {

    /**
     * An account number: up to four letters then at least two digits ({@code TB08},
     * {@code eh-100234}), or six digits and more; fewer digits alone are an amount or a ZIP
     * code, and a longer word with a number ({@code covid19}) is not an account.
     */
    private static final Pattern ACCOUNT =
            Pattern.compile("\\b([a-z]{1,4}-?\\d{2,12}|\\d{6,12})\\b");
    private static final Pattern ZIP = Pattern.compile("\\b(\\d{5})(?:-\\d{4})?\\b");

    private final DateParser dates;
    private final Set<String> fillerWords;

    public IdentityEntities(String language, Set<String> fillerWords, Clock clock) {
        this.dates = new DateParser(language, clock);
        this.fillerWords = Set.copyOf(fillerWords.stream().map(Text::fold).toList());
    }

    /** What one message said; each part is empty when the message did not say it. */
    public record Found(Optional<LocalDate> dateOfBirth, Optional<String> zip,
                        Optional<String> accountNumber, List<String> nameWords) {

        public boolean isEmpty() {
            return dateOfBirth.isEmpty() && zip.isEmpty() && accountNumber.isEmpty()
                    && nameWords.isEmpty();
        }
    }

    public Found find(String text) {
        String rest = Text.fold(text);

        Optional<LocalDate> dob = Optional.empty();
        Optional<DateParser.Found> date = dates.find(rest);
        if (date.isPresent()) {
            dob = Optional.of(date.get().date());
            rest = blank(rest, date.get().start(), date.get().end());
        }

        Optional<String> account = Optional.empty();
        Matcher m = ACCOUNT.matcher(rest);
        if (m.find()) {
            account = Optional.of(m.group(1).replace("-", "").toUpperCase(java.util.Locale.ROOT));
            rest = blank(rest, m.start(), m.end());
        }

        Optional<String> zip = Optional.empty();
        m = ZIP.matcher(rest);
        if (m.find()) {
            zip = Optional.of(m.group(1));
            rest = blank(rest, m.start(), m.end());
        }

        List<String> name = new ArrayList<>();
        for (String word : Text.words(rest)) {
            if (word.chars().allMatch(Character::isLetter) || word.contains("'")) {
                if (!fillerWords.contains(word) && !dates.isMonth(word)) {
                    name.add(word);
                }
            }
        }
        return new Found(dob, zip, account, List.copyOf(name));
    }

    private static String blank(String text, int start, int end) {
        return text.substring(0, start) + " ".repeat(end - start) + text.substring(end);
    }
}
