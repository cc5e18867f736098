package org.parley.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plans.Frequency;
import org.parley.plans.PlanRules;
import org.parley.store.Store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plan rules kept per client come back exactly as saved, money to the cent. */
class ClientSettingsTest {

    @TempDir
    Path data;

    @Test
    void planRulesRoundTripThroughTheStoreWithEveryField() {
        PlanRules rules = PlanRules.builder(new BigDecimal("25.00"), List.of(
                        new PlanRules.Tier(new BigDecimal("500.00"), 6),
                        new PlanRules.Tier(new BigDecimal("2000.00"), 12)))
                .downPayment(new PlanRules.DownPayment(new BigDecimal("10"),
                        new BigDecimal("50.00")))
                .frequencies(Frequency.MONTHLY, Frequency.BIWEEKLY)
                .firstPaymentWithinDays(14)
                .graceDays(5)
                .missesToBreak(3)
                .remainder(PlanRules.Remainder.FIRST)
                .skipsAllowed(2)
                .build();
        try (Store store = Store.embedded(data, "parley")) {
            ClientSettings settings = new ClientSettings(store.database());

            settings.savePlanRules("client-a", rules);

            PlanRules back = settings.planRules("client-a").orElseThrow();
            assertEquals(rules, back);
            assertEquals(new BigDecimal("25.00"), back.minimumInstallment());
            assertEquals(Set.of(Frequency.MONTHLY, Frequency.BIWEEKLY), back.frequencies());
            assertEquals(Optional.empty(), settings.planRules("client-b"));
        }
    }
}
