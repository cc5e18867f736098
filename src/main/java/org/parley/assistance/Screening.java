package org.parley.assistance;

import org.parley.assistance.Program.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * Estimates what a household may qualify for from its size and income, against a client's
 * programs and the poverty guidelines. Only a guide for the patient: the client decides.
 */
public final class Screening {

    private final PovertyGuidelines guidelines;

    public Screening(PovertyGuidelines guidelines) {
        this.guidelines = guidelines;
    }

    /** What an estimate found: free care, a discount, or an income above every limit. */
    public enum Outcome {
        FREE, DISCOUNT, ABOVE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One estimate.
     *
     * @param guideline        100% of the poverty guideline for the household
     * @param percentOfPoverty the income as a percentage of the guideline, to 2 decimals
     * @param program          the program with the best tier for the household, or, when none
     *                         has one, the first program
     * @param tier             the best tier, empty when the income is above every limit
     */
    public record Estimate(int household, BigDecimal yearlyIncome, Region region, int year,
                           BigDecimal guideline, BigDecimal percentOfPoverty, Program program,
                           Optional<Tier> tier) {

        public Outcome outcome() {
            return tier.map(t -> t.free() ? Outcome.FREE : Outcome.DISCOUNT)
                    .orElse(Outcome.ABOVE);
        }
    }

    /**
     * Estimates for a household of {@code household} people with {@code amount} each
     * {@code period}, in {@code region}, under the guidelines in force in {@code year}.
     *
     * @param programs at least one
     */
    public Estimate estimate(List<Program> programs, int household, BigDecimal amount,
                             IncomePeriod period, Region region, int year) {
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("No program to estimate against");
        }
        int inForce = guidelines.yearFor(year);
        BigDecimal guideline = guidelines.annual(inForce, region, household);
        BigDecimal yearly = period.yearly(amount);

        Program best = programs.get(0);
        Optional<Tier> bestTier = Optional.empty();
        for (Program program : programs) {
            Optional<Tier> tier = program.tierFor(yearly, guideline);
            if (tier.isPresent() && (bestTier.isEmpty() || tier.get().discountPercent()
                    .compareTo(bestTier.get().discountPercent()) > 0)) {
                best = program;
                bestTier = tier;
            }
        }
        BigDecimal percent = yearly.multiply(BigDecimal.valueOf(100))
                .divide(guideline, 2, RoundingMode.HALF_UP);
        return new Estimate(household, yearly, region, inForce, guideline, percent, best,
                bestTier);
    }
}
