package org.parley.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One visit on an account and what the patient owes for it.
 *
 * @param patientResponsibility what is left for the patient after insurance and adjustments
 */
public record Encounter(String encounterId, LocalDate serviceDate, String provider,
                        String description, BigDecimal charges, BigDecimal insurancePaid,
                        BigDecimal adjustments, BigDecimal patientResponsibility,
                        LocalDate dueDate) {

    /** The same visit with {@code owed} left for the patient to pay. */
    public Encounter withPatientResponsibility(BigDecimal owed) {
        return new Encounter(encounterId, serviceDate, provider, description, charges,
                insurancePaid, adjustments, owed, dueDate);
    }
}
