package org.parley.assistance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Screening tables: every household size from 1 to 10, every income period and region, with
 * incomes right at each tier's edge and one cent above it, against the demo program (free care
 * up to 200% of the guideline, 75% off up to 300%, 50% off up to 400%).
 */
class ScreeningTest {

    private static final Screening SCREENING = new Screening(PovertyGuidelines.load());
    private static final Program DEMO = program("care", "100:200", "75:300", "50:400");

    /** The guidelines for 1 to 10 people, written out here rather than read from the data. */
    private static final Map<Region, int[]> GUIDELINE = Map.of(
            Region.CONTIGUOUS, new int[]{15960, 21640, 27320, 33000, 38680, 44360, 50040, 55720,
                    61400, 67080},
            Region.ALASKA, new int[]{19950, 27050, 34150, 41250, 48350, 55450, 62550, 69650,
                    76750, 83850},
            Region.HAWAII, new int[]{18360, 24890, 31420, 37950, 44480, 51010, 57540, 64070,
                    70600, 77130});
    private static final Map<IncomePeriod, Integer> PER_YEAR = Map.of(IncomePeriod.WEEKLY, 52,
            IncomePeriod.BIWEEKLY, 26, IncomePeriod.SEMIMONTHLY, 24, IncomePeriod.MONTHLY, 12,
            IncomePeriod.YEARLY, 1);

    static Program program(String id, String... tiers) {
        return new Program(id, id, Stream.of(tiers).map(t -> new Program.Tier(
                        new BigDecimal(t.split(":")[1]), new BigDecimal(t.split(":")[0]))).toList(),
                List.of(), new Program.HowToApply(Program.Method.POST, Optional.empty()),
                new Program.Office("Office", "(555) 010-0177", Optional.empty(),
                        Optional.empty()), List.of("en"));
    }

    /**
     * For each region, size and period: the largest amount a period that stays within each
     * edge, and one cent more. A yearly amount hits the edge exactly.
     */
    static Stream<Arguments> edges() {
        List<Arguments> cases = new ArrayList<>();
        for (Region region : Region.values()) {
            for (int size = 1; size <= 10; size++) {
                BigDecimal guideline = BigDecimal.valueOf(GUIDELINE.get(region)[size - 1]);
                for (IncomePeriod period : IncomePeriod.values()) {
                    BigDecimal times = BigDecimal.valueOf(PER_YEAR.get(period));
                    String[] within = {"free", "75", "50"};
                    String[] above = {"75", "50", "above"};
                    int[] edges = {200, 300, 400};
                    for (int i = 0; i < edges.length; i++) {
                        BigDecimal edge = guideline.multiply(BigDecimal.valueOf(edges[i]))
                                .divide(BigDecimal.valueOf(100), 2, RoundingMode.UNNECESSARY);
                        BigDecimal amount = edge.divide(times, 2, RoundingMode.FLOOR);
                        cases.add(Arguments.of(region, size, period, amount, within[i]));
                        cases.add(Arguments.of(region, size, period,
                                amount.add(new BigDecimal("0.01")), above[i]));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} people, {3} {2}: {4}")
    @MethodSource("edges")
    void anIncomeAtATierEdgeIsInTheTierAndOneCentMoreIsNot(Region region, int size,
                                                           IncomePeriod period, BigDecimal amount,
                                                           String expected) {
        Screening.Estimate estimate = SCREENING.estimate(List.of(DEMO), size, amount, period,
                region, 2026);

        assertEquals(expected, describe(estimate));
    }

    @ParameterizedTest(name = "{0} people, {1} {2} in {3}: {4}, {5}% of the guideline")
    @CsvSource({
            "1, 31920.00, yearly, contiguous, free, 200.00",
            "1, 31920.01, yearly, contiguous, 75, 200.00",
            "4, 5500.00, monthly, contiguous, free, 200.00",
            "4, 5500.01, monthly, contiguous, 75, 200.00",
            "4, 2500.00, monthly, contiguous, free, 90.91",
            "3, 1200.00, biweekly, contiguous, free, 114.20",
            "1, 40000.00, yearly, contiguous, 75, 250.63",
            "4, 3173.07, biweekly, alaska, free, 200.00",
            "4, 3173.08, biweekly, alaska, 75, 200.00",
            "2, 1435.96, weekly, hawaii, 75, 300.00",
            "2, 1435.97, weekly, hawaii, 50, 300.00",
            "10, 12000.00, monthly, hawaii, free, 186.70",
            "8, 0.00, yearly, contiguous, free, 0.00",
            "1, 63840.00, yearly, contiguous, 50, 400.00",
            "1, 63840.01, yearly, contiguous, above, 400.00"})
    void knownHouseholdsAreEstimatedAsExpected(int size, String amount, String period,
                                               String region, String expected, String percent) {
        Screening.Estimate estimate = SCREENING.estimate(List.of(DEMO), size,
                new BigDecimal(amount), IncomePeriod.valueOf(period.toUpperCase()),
                Region.of(region).orElseThrow(), 2026);

        assertEquals(expected + " " + percent, describe(estimate) + " "
                + estimate.percentOfPoverty().toPlainString());
    }

    @Test
    void theProgramWithTheBestTierForTheHouseholdIsChosen() {
        Program small = program("small", "40:250");
        Program broad = program("broad", "20:400");

        Screening.Estimate estimate = SCREENING.estimate(List.of(broad, small), 1,
                new BigDecimal("39900.00"), IncomePeriod.YEARLY, Region.CONTIGUOUS, 2026);

        assertEquals("small 40", estimate.program().id() + " "
                + estimate.tier().orElseThrow().discountPercent());
    }

    @Test
    void aboveEveryLimitTheFirstProgramIsNamed() {
        Screening.Estimate estimate = SCREENING.estimate(List.of(program("first", "100:100"),
                        program("second", "100:150")), 1, new BigDecimal("99999.00"),
                IncomePeriod.YEARLY, Region.CONTIGUOUS, 2026);

        assertEquals("first above", estimate.program().id() + " " + describe(estimate));
    }

    private static String describe(Screening.Estimate e) {
        return switch (e.outcome()) {
            case FREE -> "free";
            case ABOVE -> "above";
            case DISCOUNT -> e.tier().orElseThrow().discountPercent().toPlainString();
        };
    }
}
