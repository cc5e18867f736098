package org.parley.assistance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The 2026 guidelines as shipped, and how a year and a household beyond the table are read. */
class PovertyGuidelinesTest {

    private static final PovertyGuidelines GUIDELINES = PovertyGuidelines.load();

    @ParameterizedTest(name = "{0}, household of {1}: {2}")
    @CsvSource({
            "contiguous, 1, 15960", "contiguous, 2, 21640", "contiguous, 3, 27320",
            "contiguous, 4, 33000", "contiguous, 5, 38680", "contiguous, 6, 44360",
            "contiguous, 7, 50040", "contiguous, 8, 55720", "contiguous, 9, 61400",
            "contiguous, 10, 67080",
            "alaska, 1, 19950", "alaska, 2, 27050", "alaska, 3, 34150", "alaska, 4, 41250",
            "alaska, 5, 48350", "alaska, 6, 55450", "alaska, 7, 62550", "alaska, 8, 69650",
            "alaska, 9, 76750", "alaska, 10, 83850",
            "hawaii, 1, 18360", "hawaii, 2, 24890", "hawaii, 3, 31420", "hawaii, 4, 37950",
            "hawaii, 5, 44480", "hawaii, 6, 51010", "hawaii, 7, 57540", "hawaii, 8, 64070",
            "hawaii, 9, 70600", "hawaii, 10, 77130"})
    void the2026GuidelineForEachRegionAndHouseholdSize(String region, int size, String annual) {
        assertEquals(new BigDecimal(annual),
                GUIDELINES.annual(2026, Region.of(region).orElseThrow(), size));
    }

    @Test
    void aLaterYearUsesTheLatestGuidelinesOnFile() {
        assertEquals(2026, GUIDELINES.yearFor(2026));
        assertEquals(2026, GUIDELINES.yearFor(2027));
        assertEquals(List.of(2026), GUIDELINES.years());
    }

    @Test
    void aYearBeforeEveryGuidelineOnFileIsRefusedWithTheFirstYear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GUIDELINES.yearFor(2025));

        assertEquals("No poverty guidelines for 2025 or earlier; the first year on file is 2026",
                e.getMessage());
    }

    @Test
    void aNewYearIsANewBlockOfData() {
        PovertyGuidelines two = PovertyGuidelines.read(new StringReader("""
                2026:
                  contiguous: {sizes: [15960, 21640], each-more: 5680}
                  alaska: {sizes: [19950], each-more: 7100}
                  hawaii: {sizes: [18360], each-more: 6530}
                2027:
                  contiguous: {sizes: [16500], each-more: 5800}
                  alaska: {sizes: [20600], each-more: 7250}
                  hawaii: {sizes: [19000], each-more: 6700}
                """), "test");

        assertEquals(2027, two.yearFor(2030));
        assertEquals(new BigDecimal("33900"), two.annual(2027, Region.CONTIGUOUS, 4));
        assertEquals(new BigDecimal("33000"), two.annual(2026, Region.CONTIGUOUS, 4));
    }

    @Test
    void aYearWithoutEveryRegionIsRefusedNamingTheYear() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                PovertyGuidelines.read(new StringReader("""
                        2026:
                          contiguous: {sizes: [15960], each-more: 5680}
                        """), "guidelines.yaml"));

        assertEquals("guidelines.yaml: 2026: every region needs figures; found [CONTIGUOUS]",
                e.getMessage());
    }

    @ParameterizedTest(name = "ZIP {0} is in {1}")
    @CsvSource({"30301, contiguous", "99501, alaska", "99950, alaska", "96813, hawaii",
            "96898, hawaii", "96910, contiguous", "10001, contiguous", "'', contiguous"})
    void aZipCodeTellsTheRegion(String zip, String region) {
        assertEquals(region, Region.ofZip(zip).code());
    }
}
