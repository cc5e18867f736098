package org.parley.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpMediaType;
import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.http.ServerRequest;
import org.parley.BadInputException;
import org.parley.web.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads staff request bodies into typed values: JSON for the admin API, JSON or an HTML form
 * for sign-in. Each wrong or unknown field is refused by name before anything is stored.
 */
final class StaffInput {

    /** Largest body read; staff requests are small. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Set<String> CREATE_FIELDS = Set.of("email", "displayName", "roles",
            "languages", "clients", "active", "password");
    private static final Set<String> CHANGE_FIELDS = Set.of("displayName", "roles",
            "languages", "clients", "active");

    private StaffInput() {
    }

    /** An email and password as typed on the sign-in form. */
    record Credentials(String email, String password, Optional<String> returnTo) {
        @Override
        public String toString() {
            return "Credentials[(hidden)]";
        }
    }

    static StaffService.NewMember newMember(ServerRequest req) {
        JsonNode body = object(req);
        known(body, CREATE_FIELDS, "; the fields are " + String.join(", ", sorted(CREATE_FIELDS)));
        return new StaffService.NewMember(text(body, "email").orElse(""),
                text(body, "displayName").orElse(""),
                roles(body).orElse(Set.of()),
                strings(body, "languages").orElse(List.of()),
                strings(body, "clients").orElse(List.of()),
                bool(body, "active").orElse(true),
                text(body, "password"));
    }

    static StaffService.Changes changes(ServerRequest req) {
        JsonNode body = object(req);
        if (body.has("email")) {
            throw new InvalidField("email", "email cannot be changed; create a member with the "
                    + "new email and deactivate this one");
        }
        if (body.has("password")) {
            throw new InvalidField("password", "password is set with POST "
                    + "/api/staff/{id}/password, not PATCH");
        }
        known(body, CHANGE_FIELDS, "; a change may set " + String.join(", ",
                sorted(CHANGE_FIELDS)));
        if (body.isEmpty()) {
            throw new InvalidField("body", "The change is empty; set at least one of "
                    + String.join(", ", sorted(CHANGE_FIELDS)));
        }
        return new StaffService.Changes(text(body, "displayName"), roles(body),
                strings(body, "languages"), strings(body, "clients"), bool(body, "active"));
    }

    static String password(ServerRequest req) {
        JsonNode body = object(req);
        known(body, Set.of("password"), "; send {\"password\": \"...\"}");
        return text(body, "password").orElseThrow(() -> new InvalidField("password",
                "password is required: send {\"password\": \"...\"}"));
    }

    /** Sign-in fields from a JSON body or a form post. */
    static Credentials credentials(ServerRequest req) {
        Map<String, String> fields = isForm(req) ? form(read(req)) : jsonFields(req);
        String email = fields.getOrDefault("email", "").trim();
        String password = fields.getOrDefault("password", "");
        if (email.isEmpty()) {
            throw new InvalidField("email", "email is required to sign in");
        }
        if (password.isEmpty()) {
            throw new InvalidField("password", "password is required to sign in");
        }
        return new Credentials(email, password, Optional.ofNullable(fields.get("return")));
    }

    static boolean isForm(ServerRequest req) {
        return req.headers().contentType()
                .map(t -> t.test(MediaTypes.APPLICATION_FORM_URLENCODED))
                .orElse(false);
    }

    private static Map<String, String> jsonFields(ServerRequest req) {
        JsonNode body = object(req);
        Map<String, String> fields = new HashMap<>();
        for (String name : List.of("email", "password")) {
            text(body, name).ifPresent(v -> fields.put(name, v));
        }
        return fields;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static JsonNode object(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !type.get().test(HttpMediaTypes.JSON_UTF_8.mediaType())) {
            throw new BadInputException("json_expected", "Send the body as JSON with "
                    + "'Content-Type: application/json', not '" + type.get().text() + "'");
        }
        try {
            JsonNode node = Json.STRICT.readTree(read(req));
            if (node == null || !node.isObject()) {
                throw new BadInputException("json_expected", "The body must be a JSON object, "
                        + "such as {\"email\": \"dana@example.test\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("json_expected", "The body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + org.parley.web.Echo.cap(e.getOriginalMessage())
                    + "); send a JSON object");
        }
    }

    private static String read(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadInputException("body_too_large", "The body is larger than "
                        + MAX_BODY_BYTES + " bytes; staff requests are small JSON objects");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }

    private static void known(JsonNode body, Set<String> fields, String hint) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidField(name, name + " is not a staff field" + hint);
            }
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new InvalidField(field, field + " must be a string");
        }
        return Optional.of(node.asText());
    }

    private static Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new InvalidField(field, field + " must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    private static Optional<List<String>> strings(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new InvalidField(field, field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidField(field, field + " must be an array of non-empty strings");
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }

    private static Optional<Set<Role>> roles(JsonNode body) {
        Optional<List<String>> ids = strings(body, "roles");
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : ids.get()) {
            roles.add(Role.parse(id).orElseThrow(() -> new InvalidField("roles", "roles has '"
                    + id + "', which is not a role; the roles are " + Role.names())));
        }
        return Optional.of(roles);
    }

    private static List<String> sorted(Set<String> fields) {
        return fields.stream().sorted().toList();
    }
}
