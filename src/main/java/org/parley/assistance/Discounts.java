package org.parley.assistance;

import org.parley.assistance.Application.Discount;
import org.parley.assistance.Application.VisitDiscount;
import org.parley.billing.Account;
import org.parley.billing.Encounter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Works out an approval's discount on an account, to the cent: the percentage of the balance,
 * rounded half up, shared over the visits that have something to pay in proportion to their
 * share. Each visit gets its share rounded down, and the cents left over go one each to the
 * visits that lost the most to rounding, so the visits' discounts add up exactly to the whole
 * and none exceeds its visit's share. Between visits that lost as much, the larger visit gets
 * the cent first, then the older.
 */
final class Discounts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Discounts() {
    }

    /** {@code percent} off the account's balance, not yet applied. */
    static Discount of(Account account, BigDecimal percent) {
        BigDecimal balance = account.totalDue().setScale(2, RoundingMode.UNNECESSARY);
        List<Encounter> owing = account.encounters().stream()
                .filter(e -> e.patientResponsibility().signum() > 0)
                .sorted(Comparator.comparing(Encounter::serviceDate)
                        .thenComparing(Encounter::encounterId))
                .toList();
        BigDecimal base = balance.signum() > 0 ? balance : BigDecimal.ZERO.setScale(2);
        BigDecimal total = base.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        if (total.signum() == 0) {
            return new Discount(percent, total, balance, balance, List.of(), false);
        }

        BigDecimal owed = owing.stream().map(Encounter::patientResponsibility)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Share> shares = new ArrayList<>();
        BigDecimal given = BigDecimal.ZERO;
        for (int i = 0; i < owing.size(); i++) {
            Encounter e = owing.get(i);
            BigDecimal exact = total.multiply(e.patientResponsibility())
                    .divide(owed, MathContext.DECIMAL128);
            BigDecimal down = exact.setScale(2, RoundingMode.FLOOR);
            shares.add(new Share(i, e, down, exact.subtract(down)));
            given = given.add(down);
        }
        int cents = total.subtract(given).divide(CENT, 0, RoundingMode.UNNECESSARY).intValueExact();
        shares.stream().sorted(Comparator.comparing(Share::lost).reversed()
                        .thenComparing(s -> s.visit().patientResponsibility(),
                                Comparator.reverseOrder())
                        .thenComparingInt(Share::order))
                .limit(cents).forEach(s -> s.amount = s.amount.add(CENT));

        List<VisitDiscount> visits = shares.stream().filter(s -> s.amount.signum() > 0)
                .map(s -> new VisitDiscount(s.visit(), s.amount)).toList();
        return new Discount(percent, total, balance, balance.subtract(total), visits, false);
    }

    /** One visit's part while the cents are shared out. */
    private static final class Share {
        private final int order;
        private final Encounter visit;
        private final BigDecimal lost;
        private BigDecimal amount;

        Share(int order, Encounter visit, BigDecimal amount, BigDecimal lost) {
            this.order = order;
            this.visit = visit;
            this.amount = amount;
            this.lost = lost;
        }

        int order() {
            return order;
        }

        Encounter visit() {
            return visit;
        }

        BigDecimal lost() {
            return lost;
        }
    }
}
