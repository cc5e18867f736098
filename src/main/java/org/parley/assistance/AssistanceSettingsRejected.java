package org.parley.assistance;

import org.parley.BadInputException;

import java.util.List;
import java.util.Map;

/**
 * Assistance settings that were refused as a whole, naming each field that is wrong; nothing
 * was saved. Like every settings section's refusal, the detail names the first field; it also
 * lists every problem found.
 */
public final class AssistanceSettingsRejected extends BadInputException {

    private final List<Problem> problems;

    AssistanceSettingsRejected(List<Problem> problems) {
        super("invalid_setting", "The assistance settings were not saved: "
                + problems.get(0).describe() + (problems.size() > 1 ? " (and "
                + (problems.size() - 1) + " more in detail)" : "") + ". Correct "
                + (problems.size() > 1 ? "them" : "it") + " and send the whole settings again.");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public Object detail() {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("field", problems.get(0).field());
        detail.put("problems", problems);
        return detail;
    }

    /**
     * One wrong field.
     *
     * @param field    where it is, such as {@code programs[0].tiers[1].discountPercent}
     * @param value    what was sent, empty when the field is missing, cut short as
     *                 {@link org.parley.web.Echo} cuts it
     * @param expected what should be there, phrased to follow "is not"
     */
    public record Problem(String field, String value, String expected) {

        public String describe() {
            return value.isEmpty() ? field + " is missing; expected " + expected
                    : field + ": " + value + " is not " + expected;
        }
    }
}
