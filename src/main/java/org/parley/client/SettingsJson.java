package org.parley.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one JSON object of a settings document strictly, field by field, so that every
 * refusal names the field by its path ({@code tiers[1].upTo}) and says what to send. Money is
 * a JSON string such as {@code "25.00"}: a JSON number could already have lost a cent.
 */
public final class SettingsJson {

    private static final Pattern MONEY = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,2})?");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,6})?");

    private final JsonNode node;
    private final String path;

    private SettingsJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The request body, which must be an object with only the {@code known} fields. */
    public static SettingsJson root(JsonNode body, List<String> known) {
        return checked(body, "", "the body", known);
    }

    private static SettingsJson checked(JsonNode node, String path, String what,
                                        List<String> known) {
        if (node == null || !node.isObject()) {
            throw new SettingsRejected(path.isEmpty() ? "body" : path, "must be a JSON object "
                    + "with the fields " + known + "; got " + kind(node) + " as " + what);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new SettingsRejected(join(path, name), "is not a field here; send only "
                        + known + " (names are case-sensitive)");
            }
        }
        return new SettingsJson(node, path);
    }

    /** True when the field is present and not null. */
    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** The path of a field of this object, for messages. */
    public String field(String name) {
        return join(path, name);
    }

    /** A refusal of one field of this object. */
    public SettingsRejected reject(String name, String message) {
        return new SettingsRejected(field(name), message);
    }

    /** A nested object with only the {@code known} fields. */
    public SettingsJson object(String name, List<String> known) {
        return checked(required(name), field(name), "'" + field(name) + "'", known);
    }

    /** An array of objects, each with only the {@code known} fields; it may be empty. */
    public List<SettingsJson> objects(String name, List<String> known, int max) {
        JsonNode array = array(name, max);
        List<SettingsJson> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = field(name) + "[" + i + "]";
            items.add(checked(array.get(i), at, "'" + at + "'", known));
        }
        return items;
    }

    /** An array of non-blank strings; it may be empty. */
    public List<String> texts(String name, int max) {
        JsonNode array = array(name, max);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new SettingsRejected(field(name) + "[" + i + "]", "must be a non-empty "
                        + "string; got " + kind(item));
            }
            texts.add(item.asText().strip());
        }
        return texts;
    }

    /** The names and values of a nested object whose values are all non-blank strings. */
    public List<String[]> textMap(String name, int maxLength) {
        JsonNode map = required(name);
        if (!map.isObject()) {
            throw reject(name, "must be an object of strings, such as {\"en\": \"...\"}; got "
                    + kind(map));
        }
        List<String[]> pairs = new ArrayList<>();
        for (Iterator<String> names = map.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            JsonNode value = map.get(key);
            String at = field(name) + "." + key;
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new SettingsRejected(at, "must be a non-empty string; got " + kind(value));
            }
            if (value.asText().length() > maxLength) {
                throw new SettingsRejected(at, "is " + value.asText().length() + " characters; "
                        + "send at most " + maxLength);
            }
            pairs.add(new String[] {key, value.asText().strip()});
        }
        return pairs;
    }

    /** A non-blank string of at most {@code maxLength} characters, trimmed. */
    public String text(String name, int maxLength) {
        JsonNode value = required(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw reject(name, "must be a non-empty string; got " + kind(value));
        }
        String text = value.asText().strip();
        if (text.length() > maxLength) {
            throw reject(name, "is " + text.length() + " characters; send at most " + maxLength);
        }
        return text;
    }

    /**
     * An amount of money as a string with at most two decimals, at scale 2.
     *
     * @param zeroAllowed whether {@code "0.00"} is accepted
     */
    public BigDecimal money(String name, boolean zeroAllowed) {
        JsonNode value = required(name);
        String example = zeroAllowed ? "\"0.00\" or \"25.00\"" : "\"25.00\"";
        if (value.isNumber()) {
            throw reject(name, "must be a string such as " + example + ", not a JSON number, so "
                    + "that no cent is lost to rounding; got " + value.asText());
        }
        if (!value.isTextual() || !MONEY.matcher(value.asText()).matches()) {
            throw reject(name, "must be an amount in dollars with at most two decimals, as a "
                    + "string such as " + example + "; got " + kind(value));
        }
        BigDecimal amount = new BigDecimal(value.asText()).setScale(2);
        if (!zeroAllowed && amount.signum() == 0) {
            throw reject(name, "must be more than zero, such as " + example);
        }
        return amount;
    }

    /** A decimal number as a string, such as a percentage {@code "10"} or {@code "12.5"}. */
    public BigDecimal decimal(String name, String example) {
        JsonNode value = required(name);
        if (!value.isTextual() || !DECIMAL.matcher(value.asText()).matches()) {
            throw reject(name, "must be a decimal number as a string, such as " + example
                    + "; got " + kind(value));
        }
        return new BigDecimal(value.asText());
    }

    /** A whole number from {@code min} to {@code max}. */
    public int integer(String name, int min, int max) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.asInt() < min || value.asInt() > max) {
            throw reject(name, "must be a whole number from " + min + " to " + max + "; got "
                    + kind(value));
        }
        return value.asInt();
    }

    /** One of the names of {@code type}, spelled exactly. */
    public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        JsonNode value = required(name);
        List<String> names = names(type);
        if (value.isTextual() && names.contains(value.asText())) {
            return Enum.valueOf(type, value.asText());
        }
        throw reject(name, "must be one of " + names + "; got " + kind(value));
    }

    /** The names of {@code type}'s constants, in order. */
    public static <E extends Enum<E>> List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    /**
     * A URL template that patients are sent to: https, or http only to this machine (for
     * tests), with no user name or password in it, no placeholders but {@code allowed}, and
     * {@code mustContain} once.
     *
     * @param mustContain a placeholder the template needs, such as {@code {token}}; empty when
     *                    none is needed
     * @param example     a good template, shown in refusals
     */
    public String urlTemplate(String name, List<String> allowed, String mustContain,
                              String example) {
        String template = text(name, 2000);
        if (!mustContain.isEmpty() && !template.contains(mustContain)) {
            throw reject(name, "must contain " + mustContain + " where the link's value goes, "
                    + "such as \"" + example + "\"");
        }
        if (!mustContain.isEmpty()
                && template.indexOf(mustContain) != template.lastIndexOf(mustContain)) {
            throw reject(name, "must contain " + mustContain + " once, where the link's value "
                    + "goes, such as \"" + example + "\"; got " + template);
        }
        String filled = template;
        for (String placeholder : allowed) {
            filled = filled.replace(placeholder, "x");
        }
        if (filled.contains("{") || filled.contains("}")) {
            throw reject(name, "has a placeholder Parley does not fill; use only " + allowed);
        }
        URI uri;
        try {
            uri = new URI(filled);
        } catch (URISyntaxException e) {
            throw reject(name, "is not a valid URL (" + e.getReason() + "); send an absolute "
                    + "https URL such as \"" + example + "\"");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https")
                || scheme.equals("http") && loopback(uri.getHost()))) {
            throw reject(name, "must be an absolute https URL with a host, such as \"" + example
                    + "\" (http is accepted only for localhost, for tests); got " + template);
        }
        if (uri.getRawUserInfo() != null) {
            throw reject(name, "must not carry a user name or password; remove the part "
                    + "before '@'");
        }
        return template;
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never looked up here.
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw reject(name, "is missing; send it");
        }
        return value;
    }

    private JsonNode array(String name, int max) {
        JsonNode array = required(name);
        if (!array.isArray()) {
            throw reject(name, "must be a JSON array; got " + kind(array));
        }
        if (array.size() > max) {
            throw reject(name, "has " + array.size() + " items; send at most " + max);
        }
        return array;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** What a value is, for messages: its JSON type, and short scalars themselves. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return text.length() > 40 ? "a string of " + text.length() + " characters"
                    : "\"" + text + "\"";
        }
        if (node.isNumber() || node.isBoolean() || node.isNull()) {
            return node.toString();
        }
        return node.isArray() ? "an array" : "an object";
    }
}
