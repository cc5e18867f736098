package org.parley.outreach.campaign;

import org.parley.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign definition refused as a whole, naming every wrong field in {@code
 * detail.problems}; nothing was stored.
 */
public final class CampaignRejected extends BadInputException {

    private final List<Problem> problems;

    CampaignRejected(List<Problem> problems) {
        super("invalid_campaign", "The campaign was not saved: " + problems.get(0).describe()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more in "
                + "detail.problems)" : "") + ". Correct " + (problems.size() > 1 ? "them" : "it")
                + " and send the whole campaign again.");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public Object detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("problems", problems);
        return detail;
    }

    /**
     * One wrong field.
     *
     * @param field    where it is, such as {@code steps[1].day}
     * @param value    what was sent, empty when the field is missing
     * @param expected what should be there, phrased to follow "is not"
     * @param message  the problem in one plain sentence, as the answer's message says it
     */
    public record Problem(String field, String value, String expected, String message) {

        /** A problem said as "field: value is not expected", or "field is missing". */
        public Problem(String field, String value, String expected) {
            this(field, value, expected, value.isEmpty() ? field + " is missing; expected "
                    + expected : field + ": " + value + " is not " + expected);
        }

        public String describe() {
            return message;
        }
    }
}
