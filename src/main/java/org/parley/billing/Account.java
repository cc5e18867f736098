package org.parley.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A guarantor's account at one client: who they are, how to reach them, and the visits they owe
 * for.
 */
public record Account(String clientId, String accountNumber, String firstName, String lastName,
                      LocalDate dateOfBirth, String zip, Optional<String> phone,
                      Optional<String> email, Optional<String> preferredLanguage,
                      List<Encounter> encounters, Optional<Payment> lastPayment) {

    public Account {
        encounters = List.copyOf(encounters);
    }

    /** The sum of every visit's patient share. */
    public BigDecimal totalDue() {
        return encounters.stream().map(Encounter::patientResponsibility)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The earliest due date among visits that still have something to pay. */
    public Optional<LocalDate> dueDate() {
        return encounters.stream()
                .filter(e -> e.patientResponsibility().signum() > 0)
                .map(Encounter::dueDate)
                .min(Comparator.naturalOrder());
    }

    /** Visits with a share to pay, oldest first. */
    public List<Encounter> openEncounters() {
        return encounters.stream()
                .filter(e -> e.patientResponsibility().signum() != 0)
                .sorted(Comparator.comparing(Encounter::serviceDate)
                        .thenComparing(Encounter::encounterId))
                .toList();
    }
}
