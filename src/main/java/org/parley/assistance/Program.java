package org.parley.assistance;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One financial assistance (charity care) program of a client: who it helps, by how much, what
 * an applicant must send and how they apply.
 *
 * @param id        stable id, such as {@code care-assistance}
 * @param name      the name patients read
 * @param tiers     income limits as percentages of the poverty guideline with the discount of
 *                  each, lowest limit first
 * @param documents what an application must come with
 * @param apply     how a patient gets the application
 * @param office    who patients contact about it
 * @param languages the languages the application material exists in, the first the default
 */
public record Program(String id, String name, List<Tier> tiers, List<RequiredDocument> documents,
                      HowToApply apply, Office office, List<String> languages) {

    public Program {
        tiers = tiers.stream().sorted(Comparator.comparing(Tier::upToPercent)).toList();
        documents = List.copyOf(documents);
        languages = List.copyOf(languages);
    }

    /**
     * One step of the program: households with an income up to {@code upToPercent} of the
     * poverty guideline, inclusive, get {@code discountPercent} off.
     */
    public record Tier(BigDecimal upToPercent, BigDecimal discountPercent) {

        /** True when the tier covers the whole bill. */
        public boolean free() {
            return discountPercent.compareTo(BigDecimal.valueOf(100)) == 0;
        }
    }

    /**
     * A document an application needs. A document of the shared catalogue is named in every
     * language by Parley's locales; any other carries its own names by language.
     *
     * @param labels names by language tag for a document outside the catalogue; empty otherwise
     */
    public record RequiredDocument(String id, Map<String, String> labels) {

        /** Documents every language names already, as {@code assistance.document.<id>}. */
        public static final Set<String> CATALOGUE = Set.of("proof_of_income", "tax_return",
                "photo_id", "proof_of_address", "bank_statements", "no_income_statement");

        public RequiredDocument {
            labels = Map.copyOf(labels);
        }

        public boolean catalogued() {
            return CATALOGUE.contains(id);
        }
    }

    /** How an application reaches the patient. */
    public enum Method {
        /** An online application at a link. */
        LINK,
        /** A form to print, fill in and return, at a link. */
        FORM,
        /** A form a person from the client mails; the application starts as requested. */
        POST;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How to apply.
     *
     * @param url for a link or a form, the address with optional {@code {application}} and
     *            {@code {language}} placeholders; empty for post
     */
    public record HowToApply(Method method, Optional<String> url) {

        /** The address for one application in one language. */
        public Optional<String> urlFor(String application, String language) {
            return url.map(u -> u.replace("{application}", application)
                    .replace("{language}", language));
        }
    }

    /** The office patients contact about the program. */
    public record Office(String name, String phone, Optional<String> email,
                         Optional<String> address) {
    }

    /** The tier a household with {@code yearlyIncome} falls in, if any. */
    public Optional<Tier> tierFor(BigDecimal yearlyIncome, BigDecimal guideline) {
        // income / guideline <= upTo / 100, without dividing.
        BigDecimal scaled = yearlyIncome.multiply(BigDecimal.valueOf(100));
        return tiers.stream()
                .filter(t -> scaled.compareTo(guideline.multiply(t.upToPercent())) <= 0)
                .findFirst();
    }

    /** The highest income limit of the program, as a percentage of the guideline. */
    public BigDecimal limitPercent() {
        return tiers.get(tiers.size() - 1).upToPercent();
    }

    /** The language to send material in: the patient's when it exists, else the default. */
    public String materialLanguage(String patientLanguage) {
        return languages.contains(patientLanguage) ? patientLanguage : languages.get(0);
    }
}
