package org.parley.outreach;

import org.parley.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outreach settings refused as a whole, naming every wrong field; nothing was saved. The detail
 * names the first field, as every settings section's refusal does, and lists every problem.
 */
public final class OutreachSettingsRejected extends BadInputException {

    private final List<Problem> problems;

    OutreachSettingsRejected(List<Problem> problems) {
        super("invalid_setting", "The outreach settings were not saved: "
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
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("field", problems.get(0).field());
        detail.put("problems", problems);
        return detail;
    }

    /**
     * One wrong field.
     *
     * @param field    where it is, such as {@code caps.sms.max}
     * @param value    what was sent, empty when the field is missing
     * @param expected what should be there
     */
    public record Problem(String field, String value, String expected) {

        /** The value of a field that is not a setting. */
        static final String UNKNOWN = "(unknown)";

        String describe() {
            if (value.equals(UNKNOWN)) {
                return field + " is not a known setting; expected " + expected;
            }
            return value.isEmpty() ? field + " is missing; expected " + expected
                    : field + " is " + value + "; expected " + expected;
        }
    }
}
