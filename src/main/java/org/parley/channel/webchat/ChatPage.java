package org.parley.channel.webchat;

import com.ibm.icu.util.ULocale;
import org.parley.i18n.Renderer;
import org.parley.web.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat page with every language Parley speaks filled in: one button per language, named in
 * that language, and the page's own words from {@code locales/}. A new language folder shows up
 * here with no change to the page.
 */
final class ChatPage {

    /** Page words by key in {@code locales/<language>/messages.yaml}, as the script names them. */
    static final Map<String, String> UI_KEYS = uiKeys();

    private final String html;

    ChatPage(Renderer renderer, int maxTextLength) {
        String template = resource("chat.html");
        StringBuilder buttons = new StringBuilder();
        StringBuilder titles = new StringBuilder();
        Map<String, Map<String, String>> strings = new LinkedHashMap<>();
        for (String language : renderer.languages()) {
            String dir = new ULocale(language).isRightToLeft() ? "rtl" : "ltr";
            String name = text(renderer, language, "language.name", maxTextLength);
            buttons.append("            <button id=\"lang-").append(language)
                    .append("\" type=\"button\" lang=\"").append(language).append("\" dir=\"")
                    .append(dir).append("\" data-locale=\"").append(language).append("\">")
                    .append(escape(name)).append("</button>\n");
            titles.append(titles.isEmpty() ? "" : "<span aria-hidden=\"true\"> · </span>")
                    .append("<span lang=\"").append(language).append("\" dir=\"").append(dir)
                    .append("\">").append(escape(text(renderer, language, "ui.choose_language",
                            maxTextLength))).append("</span>");
            Map<String, String> ui = new LinkedHashMap<>();
            UI_KEYS.forEach((field, key) ->
                    ui.put(field, text(renderer, language, key, maxTextLength)));
            ui.put("dir", dir);
            strings.put(language, ui);
        }
        // JSON inside a script element: "<" is escaped so no string can close the element.
        String json = Json.write(strings).replace("<", "\\u003c");
        this.html = template.replace("<!--LANGUAGE_TITLES-->", titles)
                .replace("<!--LANGUAGE_BUTTONS-->", buttons.toString().stripTrailing())
                .replace("<!--UI_STRINGS-->", json);
    }

    String html() {
        return html;
    }

    private static String text(Renderer renderer, String language, String key, int max) {
        return renderer.render(language, "US", "webchat", key, Map.of("max", max), "USD");
    }

    static String resource(String file) {
        return org.parley.web.WebResources.text(file);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static Map<String, String> uiKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : List.of("message_label", "placeholder", "send", "agent", "sending",
                "conversation", "new_conversation", "too_long", "problem", "typing")) {
            keys.put(key, "ui." + key);
        }
        return Map.copyOf(keys);
    }
}
