package org.parley.channel.sms;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import org.parley.i18n.LocaleContent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the message templates that would take more than two SMS segments in some language,
 * measured after SMS shaping with typical values in their placeholders. Long texts cost the
 * client more and arrive split; the fix is a shorter {@code key@sms} variant.
 */
public final class SmsTemplateCheck {

    /** Segments above which a template is reported. */
    public static final int MAX_SEGMENTS = 2;

    private SmsTemplateCheck() {
    }

    /** A template that is too long on SMS, where it is written and what it measures. */
    public record Finding(String where, String language, String key, SmsEncoding.Measure measure) {
        @Override
        public String toString() {
            return where + ": '" + key + "' takes " + measure.segments() + " SMS segments in "
                    + language + " (" + measure.encoding() + ", " + measure.units() + " units); "
                    + (key.endsWith("@sms") ? "shorten it"
                            : "add a shorter '" + key + "@sms' variant");
        }
    }

    public static List<Finding> check(Map<String, LocaleContent> locales) {
        List<Finding> findings = new ArrayList<>();
        for (LocaleContent content : locales.values()) {
            content.messages().forEach((key, entry) -> {
                boolean replaced = !key.endsWith("@sms")
                        && content.messages().containsKey(key + "@sms");
                if (replaced || !sentBySms(key)) {
                    return;
                }
                String text = SmsText.plain(sample(entry.text(), content.language()));
                SmsEncoding.Measure measure = SmsEncoding.measure(text);
                if (measure.segments() > MAX_SEGMENTS) {
                    findings.add(new Finding(entry.where(), content.language(), key, measure));
                }
            });
        }
        findings.sort(java.util.Comparator.comparing(Finding::where));
        return findings;
    }

    /** False for words that never go by SMS: email's own, and other channels' variants. */
    static boolean sentBySms(String key) {
        int at = key.indexOf('@');
        return !key.startsWith("email.") && (at < 0 || key.endsWith("@sms"));
    }

    /** Prints each finding and a summary; never fails the check, since a long text still works. */
    public static void print(Map<String, LocaleContent> locales, PrintStream out) {
        List<Finding> findings = check(locales);
        findings.forEach(f -> out.println("warning: " + f));
        out.println(findings.isEmpty()
                ? "SMS: every template fits in " + MAX_SEGMENTS + " segments"
                : "SMS: " + findings.size() + " templates take more than " + MAX_SEGMENTS
                        + " segments");
    }

    /** The template formatted with typical values: amounts, dates, the client's name. */
    static String sample(String pattern, String language) {
        MessagePattern parsed = new MessagePattern(pattern);
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() != MessagePattern.Part.Type.ARG_START) {
                continue;
            }
            String name = parsed.getSubstring(parsed.getPart(i + 1));
            MessagePattern.Part next = parsed.getPart(i + 2);
            String type = next.getType() == MessagePattern.Part.Type.ARG_TYPE
                    ? parsed.getSubstring(next) : "";
            args.put(name, switch (part.getArgType()) {
                case PLURAL, SELECTORDINAL, CHOICE -> 2;
                case SELECT -> "yes";
                case SIMPLE -> type.equals("number") || type.equals("spellout")
                        || type.equals("ordinal") ? (Object) 2000 : new java.util.Date(0);
                default -> typical(name);
            });
        }
        return new MessageFormat(pattern, new ULocale(language)).format(args);
    }

    private static String typical(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("date")) {
            return "September 30, 2026";
        }
        if (lower.contains("total") || lower.contains("amount")) {
            return "$1,234.50";
        }
        if (lower.equals("phone")) {
            return "(555) 010-0199";
        }
        return "Example Health";
    }
}
