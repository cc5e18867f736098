package org.parley.plans;

/**
 * The answer to a plan the patient proposed: accepted with its schedule, or a counter-offer with
 * the closest schedule that fits and the reason the proposal did not.
 *
 * @param reason {@link Reason#FITS} when accepted, else why the proposal was countered
 */
public record Proposal(Reason reason, Schedule schedule) {

    public Proposal {
        if (reason == null || schedule == null) {
            throw new IllegalArgumentException("A proposal needs a reason and a schedule; got "
                    + reason + " and " + schedule);
        }
    }

    static Proposal accepted(Schedule schedule) {
        return new Proposal(Reason.FITS, schedule);
    }

    static Proposal counter(Reason reason, Schedule schedule) {
        return new Proposal(reason, schedule);
    }

    /** Whether the schedule is the one the patient proposed. */
    public boolean accepted() {
        return reason == Reason.FITS;
    }
}
