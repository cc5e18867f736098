package org.parley.plans;

import java.time.LocalDate;

/** How often the installments of a payment plan fall due. */
public enum Frequency {

    /** Once a month on the start's day, or on the month's last day when the month is shorter. */
    MONTHLY {
        @Override
        public LocalDate due(LocalDate start, int period) {
            // From the start each time, so Jan 31 gives Feb 28 and then Mar 31, never Mar 28.
            return start.plusMonths(period);
        }

        @Override
        public int installmentsIn(int months) {
            return months;
        }
    },

    /** Every fourteen days from the start, so always on the start's weekday: 26 a year. */
    BIWEEKLY {
        @Override
        public LocalDate due(LocalDate start, int period) {
            return start.plusDays(14L * period);
        }

        @Override
        public int installmentsIn(int months) {
            return months * 26 / 12;
        }
    };

    /**
     * The due date {@code period} periods after {@code start}; period 0 is the start itself.
     */
    public abstract LocalDate due(LocalDate start, int period);

    /** How many installments of this frequency fit in a term of {@code months} months. */
    public abstract int installmentsIn(int months);

    /** The first period whose due date is on or after {@code day}; 0 when the day is not later. */
    int periodOnOrAfter(LocalDate start, LocalDate day) {
        int period = 0;
        while (due(start, period).isBefore(day)) {
            period++;
        }
        return period;
    }
}
