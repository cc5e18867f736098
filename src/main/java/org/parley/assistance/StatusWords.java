package org.parley.assistance;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;
import org.parley.assistance.Application.Change;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.i18n.Renderer;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of the messages about an application, in the patient's language: document
 * names from the locales (or the program's own names), joined as that language joins a list,
 * the denial reason, dates in the client's zone.
 */
final class StatusWords {

    private static final String REGION = "US";

    private final Renderer renderer;
    private final ClientStore clients;

    StatusWords(Renderer renderer, ClientStore clients) {
        this.renderer = renderer;
        this.clients = clients;
    }

    /** What the status messages of the application's change number {@code index} name. */
    Map<String, Object> args(Application app, int index, String language, String channel) {
        Client client = clients.require(app.clientId());
        Change change = app.history().get(index);
        Map<String, Object> args = new HashMap<>(program(app.program(), language, channel,
                client));
        args.put("application", app.id());
        args.put("date", LocalDate.ofInstant(change.at(), client.timeZone()));
        args.put("link", app.link().orElse(""));
        args.put("hasLink", app.link().isPresent());
        args.put("missing", documents(app.program(), change.missing(), language, channel,
                client));
        args.put("missingCount", change.missing().size());
        args.put("reason", change.reason().map(r -> renderer.render(language, REGION, channel,
                "assistance.reason." + r, Map.of(), client.currency())).orElse(""));
        app.discount().ifPresent(d -> {
            args.put("discount", d.percent().doubleValue());
            args.put("amount", d.amount());
            args.put("balance", d.balanceAfter());
        });
        if (app.discount().isEmpty()) {
            args.put("discount", 0.0);
        }
        return args;
    }

    /** What messages about a program name: it, its office, and the documents it asks for. */
    Map<String, Object> program(Program program, String language, String channel, Client client) {
        Map<String, Object> args = new HashMap<>();
        args.put("program", program.name());
        args.put("office", program.office().name());
        args.put("officePhone", program.office().phone());
        args.put("documents", documents(program, program.documents().stream()
                .map(Program.RequiredDocument::id).toList(), language, channel, client));
        String material = program.materialLanguage(language);
        args.put("otherLanguage", !material.equals(language));
        args.put("materialLanguage",
                new ULocale(material).getDisplayLanguage(new ULocale(language)));
        return args;
    }

    /** The documents {@code ids} named in {@code language}, joined as a list in it. */
    String documents(Program program, List<String> ids, String language, String channel,
                     Client client) {
        List<String> names = ids.stream().map(id -> program.documents().stream()
                .filter(d -> d.id().equals(id) && !d.catalogued()).findFirst()
                .map(d -> d.labels().getOrDefault(language, d.labels().get("en")))
                .orElseGet(() -> renderer.render(language, REGION, channel,
                        "assistance.document." + id, Map.of(), client.currency())))
                .toList();
        return ListFormatter.getInstance(new ULocale(language.toLowerCase(Locale.ROOT)))
                .format(names);
    }
}
