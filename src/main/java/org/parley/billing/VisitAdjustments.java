package org.parley.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Amounts Parley itself took off visits, such as approved assistance discounts, each with the
 * figures the visit had before. A balance file still carries a visit's charges, insurance paid
 * and adjustments from before such a discount until the provider books an adjustment of its
 * own: until then the import takes the discount off the file's patient share again.
 */
public interface VisitAdjustments {

    /** No visit was adjusted. */
    VisitAdjustments NONE = clientId -> Map.of();

    /**
     * One amount taken off a visit.
     *
     * @param before the visit as it was just before
     */
    record Adjustment(Encounter before, BigDecimal amount) {
    }

    /**
     * The client's adjusted visits: by account number, then visit id, the adjustments of each
     * visit in the order they were made.
     */
    Map<String, Map<String, List<Adjustment>>> before(String clientId);
}
