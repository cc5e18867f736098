package org.parley.assistance;

import java.util.LinkedHashMap;
import java.util.Map;

/** An application as the API shows it. */
final class ApplicationView {

    private ApplicationView() {
    }

    static Map<String, Object> of(Application a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("accountNumber", a.accountNumber());
        out.put("programId", a.program().id());
        out.put("programName", a.program().name());
        out.put("status", a.status().code());
        out.put("statusSince", a.statusSince());
        out.put("allowedMoves", a.status().next().stream().map(ApplicationStatus::code).toList());
        out.put("language", a.language());
        out.put("channel", a.channel());
        out.put("link", a.link().orElse(null));
        out.put("materialLanguage", a.materialLanguage());
        out.put("emailOnFile", a.emailOnFile());
        out.put("missing", a.missing());
        out.put("reason", a.reason().orElse(null));
        a.discount().ifPresent(d -> {
            Map<String, Object> discount = new LinkedHashMap<>();
            discount.put("percent", d.percent());
            discount.put("amount", d.amount());
            discount.put("balanceBefore", d.balanceBefore());
            discount.put("balanceAfter", d.balanceAfter());
            discount.put("applied", d.applied());
            discount.put("visits", d.visits().stream().map(v -> {
                Map<String, Object> visit = new LinkedHashMap<>();
                visit.put("encounterId", v.before().encounterId());
                visit.put("shareBefore", v.before().patientResponsibility());
                visit.put("discount", v.amount());
                return visit;
            }).toList());
            out.put("discount", discount);
        });
        a.screening().ifPresent(s -> {
            Map<String, Object> screening = new LinkedHashMap<>();
            screening.put("household", s.household());
            screening.put("yearlyIncome", s.yearlyIncome());
            screening.put("percentOfPoverty", s.percentOfPoverty());
            screening.put("region", s.region().code());
            screening.put("guidelineYear", s.year());
            screening.put("estimatedDiscount", s.estimatedDiscount().orElse(null));
            out.put("screening", screening);
        });
        out.put("history", a.history().stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("status", c.status().code());
            change.put("at", c.at());
            change.put("source", c.source());
            if (!c.missing().isEmpty()) {
                change.put("missing", c.missing());
            }
            c.reason().ifPresent(r -> change.put("reason", r));
            c.discountPercent().ifPresent(p -> change.put("discountPercent", p));
            return change;
        }).toList());
        out.put("createdAt", a.createdAt());
        out.put("updatedAt", a.updatedAt());
        return out;
    }
}
