package org.parley.billing;

import java.util.List;
import java.util.Map;

/**
 * Visits whose patient share Parley lowered itself, such as by an approved assistance discount,
 * each with the figures it had before. A balance file that still carries a visit's figures from
 * before such a change was made before the provider booked it, and does not undo it.
 */
public interface VisitAdjustments {

    /** No visit was adjusted. */
    VisitAdjustments NONE = clientId -> Map.of();

    /**
     * The client's adjusted visits: by account number, then visit id, the figures each visit had
     * before each adjustment.
     */
    Map<String, Map<String, List<Encounter>>> before(String clientId);
}
