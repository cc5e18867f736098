package org.parley.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a message key and its arguments into the words a patient reads, in their language and
 * shaped for their channel. Money and dates among the arguments are formatted for the locale.
 */
public final class Renderer {

    private final Map<String, LocaleContent> locales;
    private final String fallbackLanguage;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();

    public Renderer(Map<String, LocaleContent> locales, String fallbackLanguage) {
        this.locales = Map.copyOf(locales);
        this.fallbackLanguage = fallbackLanguage;
    }

    /** The languages Parley speaks, by tag. */
    public java.util.SortedSet<String> languages() {
        return new java.util.TreeSet<>(locales.keySet());
    }

    /**
     * Renders {@code key} for {@code language}. On SMS a {@code key@sms} variant wins when the
     * language has one.
     *
     * @param region   the country whose conventions shape numbers and dates, such as {@code US}
     * @param currency the ISO code that {@link BigDecimal} arguments are amounts of
     */
    public String render(String language, String region, String channel, String key,
                         Map<String, ?> args, String currency) {
        LocaleContent content = locales.getOrDefault(language, locales.get(fallbackLanguage));
        String variant = key + "@" + channel;
        String chosen = content.messages().containsKey(variant) ? variant : key;
        LocaleContent.Entry entry = content.messages().get(chosen);
        if (entry == null) {
            throw new IllegalStateException("Message key '" + key + "' is missing in "
                    + content.folder() + "; the content check should have refused to start");
        }

        ULocale locale = locale(content.language(), region);
        Map<String, Object> formatted = new HashMap<>();
        args.forEach((name, value) -> formatted.put(name, format(value, locale, currency)));
        MessageFormat format = compiled.computeIfAbsent(content.language() + "_" + region + "|"
                + chosen, k -> new MessageFormat(entry.text(), locale));
        synchronized (format) {
            return format.format(formatted);
        }
    }

    /**
     * The language's likely script with the client's region: "zh" stays Simplified Chinese in
     * the United States, where ICU would otherwise assume Traditional.
     */
    static ULocale locale(String language, String region) {
        ULocale plain = new ULocale(language + "_" + region);
        String script = ULocale.addLikelySubtags(new ULocale(language)).getScript();
        return ULocale.addLikelySubtags(plain).getScript().equals(script)
                ? plain
                : new ULocale(language + "_" + script + "_" + region);
    }

    private static Object format(Object value, ULocale locale, String currency) {
        if (value instanceof BigDecimal amount) {
            return Formats.money(amount, currency, locale);
        }
        if (value instanceof LocalDate date) {
            return Formats.date(date, locale);
        }
        if (value instanceof java.time.ZonedDateTime time) {
            return Formats.dayAndTime(time, locale);
        }
        if (value instanceof RelativeDays relative) {
            return Formats.relative(relative.days(), locale);
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        return value;
    }
}
