package org.parley.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The terms of a payment plan as the patient sees them: the down payment, then each installment
 * with its number, due date and exact amount, and the total.
 *
 * @param amountFinanced what the installments pay: the balance less the down payment, or, after
 *                       a change, what was left to pay
 * @param start the date the plan's calendar counts from: every installment is due a whole number
 *              of periods after it (clamped to the month's end), so Jan 31 keeps giving the 31st
 * @param total the down payment plus every installment
 * @param skipsUsed how many payments have been skipped on this plan so far
 */
public record Schedule(BigDecimal amountFinanced, BigDecimal downPayment, Frequency frequency,
                       LocalDate start, List<Installment> installments, BigDecimal total,
                       int skipsUsed) {

    /** One payment of a plan; numbers run from 1. */
    public record Installment(int number, LocalDate due, BigDecimal amount) {
        public Installment {
            if (number < 1) {
                throw new IllegalArgumentException("Installment number must be 1 or more; got "
                        + number);
            }
            amount = Cents.positive("Installment " + number + " amount", amount);
        }
    }

    public Schedule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(start, "start");
        amountFinanced = Cents.positive("amountFinanced", amountFinanced);
        downPayment = Cents.of("downPayment", downPayment);
        total = Cents.of("total", total);
        installments = List.copyOf(installments);
        if (installments.isEmpty()) {
            throw new IllegalArgumentException("A schedule needs at least one installment");
        }
        if (skipsUsed < 0) {
            throw new IllegalArgumentException("skipsUsed must be 0 or more; got " + skipsUsed);
        }

        LocalDate previous = start.minusDays(1);
        for (int i = 0; i < installments.size(); i++) {
            Installment installment = installments.get(i);
            if (installment.number() != i + 1) {
                throw new IllegalArgumentException("Installments must be numbered 1, 2, 3 in "
                        + "order; position " + (i + 1) + " is number " + installment.number());
            }
            if (!installment.due().isAfter(previous)) {
                throw new IllegalArgumentException("Installment " + installment.number()
                        + " is due " + installment.due() + ", not after " + previous
                        + "; due dates must rise and not come before the start " + start);
            }
            previous = installment.due();
        }

        BigDecimal sum = Cents.sum(installments.stream().map(Installment::amount).toList());
        if (sum.compareTo(amountFinanced) != 0) {
            throw new IllegalArgumentException("Installments add up to " + sum.toPlainString()
                    + ", not the amount financed " + amountFinanced.toPlainString());
        }
        if (total.compareTo(downPayment.add(amountFinanced)) != 0) {
            throw new IllegalArgumentException("total " + total.toPlainString() + " must be the "
                    + "down payment plus the amount financed, "
                    + downPayment.add(amountFinanced).toPlainString());
        }
    }

    /**
     * A schedule whose installments have the given amounts and fall due on consecutive periods
     * of {@code start}'s calendar, beginning with {@code firstPeriod}.
     */
    static Schedule of(BigDecimal downPayment, Frequency frequency, LocalDate start,
                       int firstPeriod, List<BigDecimal> amounts, int skipsUsed) {
        List<Installment> installments = new ArrayList<>(amounts.size());
        for (int i = 0; i < amounts.size(); i++) {
            LocalDate due = frequency.due(start, firstPeriod + i);
            installments.add(new Installment(i + 1, due, amounts.get(i)));
        }
        BigDecimal financed = Cents.sum(amounts);
        return new Schedule(financed, downPayment, frequency, start, installments,
                downPayment.add(financed), skipsUsed);
    }

    /** How many installments the plan has. */
    public int count() {
        return installments.size();
    }

    /** The installment's amounts, in order. */
    public List<BigDecimal> amounts() {
        return installments.stream().map(Installment::amount).toList();
    }

    /** The installment's due dates, in order. */
    public List<LocalDate> dueDates() {
        return installments.stream().map(Installment::due).toList();
    }
}
