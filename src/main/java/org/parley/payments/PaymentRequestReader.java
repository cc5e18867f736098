package org.parley.payments;

import org.parley.i18n.LocaleContent;
import org.parley.nlu.ChoiceParser;
import org.parley.nlu.MoneyParser;
import org.parley.nlu.Text;

import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what a patient asks to pay from their own words, in their language: "I can pay $200
 * today", "pay it all", "with my CareCredit". The words for "all of it" and for a line of credit
 * are the {@code pay-all} and {@code pay-credit-line} lists of
 * {@code locales/<language>/pay.keywords.yaml}, matched as whole words anywhere in the message
 * (as characters in Chinese, which has no spaces).
 */
final class PaymentRequestReader {

    static final String ALL_WORDS = "pay-all";
    static final String CREDIT_LINE_WORDS = "pay-credit-line";

    // A menu pick ("2", "the second one") is short: only such a message is read as one.
    private static final int MAX_PICK_CHARACTERS = 40;
    private static final int MAX_PICK_WORDS = 4;
    private static final int MENU_OPTIONS = 9;
    private static final Pattern CURRENCY = Pattern.compile("\\p{Sc}");

    private final Map<String, LocaleContent> locales;
    private final MoneyParser money = new MoneyParser();
    private final ChoiceParser choices = new ChoiceParser();

    PaymentRequestReader(Map<String, LocaleContent> locales) {
        this.locales = locales;
    }

    /**
     * What {@code text} asks to pay.
     *
     * @param request true for the message that asked to pay, which may have been a pick from
     *                the menu ("2") rather than an amount
     */
    PaymentRequest read(String text, String language, boolean request) {
        boolean creditLine = mentions(text, language, CREDIT_LINE_WORDS);
        if (request && menuPick(text, language)) {
            return PaymentRequest.none(creditLine);
        }
        MoneyParser.Result result = money.parse(text, language);
        if (result instanceof MoneyParser.Result.Amount amount) {
            return PaymentRequest.amount(amount.value(), creditLine);
        }
        MoneyParser.Reason reason = ((MoneyParser.Result.Rejected) result).reason();
        if (reason == MoneyParser.Reason.NOT_AN_AMOUNT) {
            return mentions(text, language, ALL_WORDS) ? PaymentRequest.all(creditLine)
                    : PaymentRequest.none(creditLine);
        }
        return PaymentRequest.refused(reason, creditLine);
    }

    private boolean menuPick(String text, String language) {
        return text.length() <= MAX_PICK_CHARACTERS && Text.words(text).size() <= MAX_PICK_WORDS
                && !CURRENCY.matcher(text).find()
                && choices.choose(text, language, MENU_OPTIONS).isPresent();
    }

    private boolean mentions(String text, String language, String list) {
        LocaleContent content = locales.get(language);
        if (content == null) {
            return false;
        }
        List<String> words = Text.words(text);
        String unspaced = Text.fold(text).replaceAll("\\s+", "");
        for (LocaleContent.Entry phrase : content.keywords().getOrDefault(list, List.of())) {
            List<String> phraseWords = Text.words(phrase.text());
            if (phraseWords.isEmpty()) {
                continue;
            }
            boolean found = han(phrase.text())
                    ? unspaced.contains(Text.fold(phrase.text()).replaceAll("\\s+", ""))
                    : java.util.Collections.indexOfSubList(words, phraseWords) >= 0;
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static boolean han(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == UnicodeScript.HAN);
    }
}
