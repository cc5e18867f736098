package org.parley.assistance;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.assistance.Program.HowToApply;
import org.parley.assistance.Program.Method;
import org.parley.assistance.Program.Office;
import org.parley.assistance.Program.RequiredDocument;
import org.parley.assistance.Program.Tier;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assistance settings in their two stored and shown forms: the {@code assistance} section of a
 * client's settings document (percentages as {@link Decimal128}) and the JSON the settings API
 * shows. {@link SettingsParser} reads what the API is sent.
 */
final class SettingsCodec {

    private SettingsCodec() {
    }

    // ---- MongoDB ----

    static Document write(AssistanceSettings s) {
        return new Document("programs", s.programs().stream().map(SettingsCodec::write).toList())
                .append("notifyPatients", s.notifyPatients())
                .append("pauseCollections", s.pauseCollections())
                .append("defaultRegion", s.defaultRegion().code());
    }

    static Document write(Program p) {
        Document office = new Document("name", p.office().name())
                .append("phone", p.office().phone())
                .append("email", p.office().email().orElse(null))
                .append("address", p.office().address().orElse(null));
        return new Document("id", p.id())
                .append("name", p.name())
                .append("tiers", p.tiers().stream().map(t -> new Document("upToPercent",
                        new Decimal128(t.upToPercent())).append("discountPercent",
                        new Decimal128(t.discountPercent()))).toList())
                .append("documents", p.documents().stream().map(d -> new Document("id", d.id())
                        .append("labels", new Document(new TreeMap<>(d.labels())))).toList())
                .append("apply", new Document("method", p.apply().method().code())
                        .append("url", p.apply().url().orElse(null)))
                .append("office", office)
                .append("languages", p.languages());
    }

    static AssistanceSettings read(Document d) {
        return new AssistanceSettings(d.getList("programs", Document.class).stream()
                .map(SettingsCodec::readProgram).toList(),
                d.getBoolean("notifyPatients", true), d.getBoolean("pauseCollections", true),
                Region.of(d.get("defaultRegion", "contiguous")).orElse(Region.CONTIGUOUS));
    }

    static Program readProgram(Document p) {
        Document apply = p.get("apply", Document.class);
        Document office = p.get("office", Document.class);
        return new Program(p.getString("id"), p.getString("name"),
                p.getList("tiers", Document.class).stream().map(t -> new Tier(
                        decimal(t, "upToPercent"), decimal(t, "discountPercent"))).toList(),
                p.getList("documents", Document.class).stream().map(doc -> {
                    Map<String, String> labels = new LinkedHashMap<>();
                    doc.get("labels", new Document()).forEach((k, v) -> labels.put(k, (String) v));
                    return new RequiredDocument(doc.getString("id"), labels);
                }).toList(),
                new HowToApply(Method.valueOf(apply.getString("method").toUpperCase(
                        java.util.Locale.ROOT)), Optional.ofNullable(apply.getString("url"))),
                new Office(office.getString("name"), office.getString("phone"),
                        Optional.ofNullable(office.getString("email")),
                        Optional.ofNullable(office.getString("address"))),
                p.getList("languages", String.class));
    }

    private static BigDecimal decimal(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }

    // ---- JSON ----

    /** The settings as the API shows them. */
    static Map<String, Object> json(AssistanceSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notifyPatients", s.notifyPatients());
        out.put("pauseCollections", s.pauseCollections());
        out.put("defaultRegion", s.defaultRegion().code());
        out.put("programs", s.programs().stream().map(SettingsCodec::json).toList());
        return out;
    }

    private static Map<String, Object> json(Program p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("name", p.name());
        out.put("tiers", p.tiers().stream().map(t -> {
            Map<String, Object> tier = new LinkedHashMap<>();
            // As strings, like every decimal of the settings API: a JSON number may lose digits.
            tier.put("upToPercentOfPoverty", t.upToPercent().toPlainString());
            tier.put("discountPercent", t.discountPercent().toPlainString());
            return tier;
        }).toList());
        out.put("documents", p.documents().stream().map(d -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", d.id());
            if (!d.labels().isEmpty()) {
                doc.put("labels", new TreeMap<>(d.labels()));
            }
            return doc;
        }).toList());
        Map<String, Object> apply = new LinkedHashMap<>();
        apply.put("method", p.apply().method().code());
        p.apply().url().ifPresent(u -> apply.put("url", u));
        out.put("apply", apply);
        Map<String, Object> office = new LinkedHashMap<>();
        office.put("name", p.office().name());
        office.put("phone", p.office().phone());
        p.office().email().ifPresent(e -> office.put("email", e));
        p.office().address().ifPresent(a -> office.put("address", a));
        out.put("office", office);
        out.put("languages", p.languages());
        return out;
    }
}
