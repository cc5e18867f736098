package org.parley.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The account after {@code amount} was paid on {@code date}. The amount goes to the visits
     * with something to pay, oldest first (by service date, then visit id), each down to zero
     * before the next, so the oldest debt is settled first. The last payment becomes this one
     * unless one dated later is on record already.
     *
     * @throws IllegalArgumentException when the amount is not above zero or is more than the
     *                                  account owes; check against {@link #totalDue()} first
     */
    public Account paid(BigDecimal amount, LocalDate date) {
        if (amount.signum() <= 0 || amount.compareTo(totalDue()) > 0) {
            // The amount itself is not named: a message like this one can reach a log.
            throw new IllegalArgumentException("A payment cannot be applied to account "
                    + accountNumber + ": it must be above zero and at most what the account "
                    + "owes; check it against totalDue() before applying it");
        }

        Map<String, BigDecimal> left = new HashMap<>();
        BigDecimal rest = amount;
        for (Encounter visit : openEncounters()) {
            if (rest.signum() == 0) {
                break;
            }
            BigDecimal owed = visit.patientResponsibility();
            if (owed.signum() > 0) {
                BigDecimal applied = owed.min(rest);
                left.put(visit.encounterId(), owed.subtract(applied));
                rest = rest.subtract(applied);
            }
        }
        List<Encounter> visits = encounters.stream()
                .map(e -> left.containsKey(e.encounterId())
                        ? e.withPatientResponsibility(left.get(e.encounterId())) : e)
                .toList();

        Optional<Payment> last = lastPayment.filter(p -> p.date().isAfter(date))
                .or(() -> Optional.of(new Payment(date, amount)));
        return new Account(clientId, accountNumber, firstName, lastName, dateOfBirth, zip, phone,
                email, preferredLanguage, visits, last);
    }
}
