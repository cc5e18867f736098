package org.parley.billing;

import org.parley.client.ClientStore;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a client's balance file to its accounts. The whole file is checked before anything is
 * written: a file with any bad row, or with too many rows, is refused and changes nothing.
 *
 * <p>Encounters in the file are added, or replace the stored encounter with the same id; stored
 * encounters the file does not mention are kept. An encounter id belongs to one account: when the
 * file puts a stored encounter on another account, it moves there. The account holder's fields
 * become the file's. The last payment is taken from the file only when it has the last-payment
 * columns. A visit Parley lowered itself ({@link VisitAdjustments}, such as an approved
 * assistance discount) keeps that discount while the file carries the charges, insurance paid
 * and adjustments the visit had before it: the discount is taken off the file's patient share
 * again. Once the provider books an adjustment of its own, the file's figures stand.
 */
public final class BalanceImport {

    /** The most encounter rows one file may have, unless configured otherwise. */
    public static final int MAX_ROWS = 50_000;

    private static final System.Logger LOG = System.getLogger(BalanceImport.class.getName());

    private final AccountStore accounts;
    private final ClientStore clients;
    private final Clock clock;
    private final int maxRows;
    private final VisitAdjustments adjusted;
    private final List<Consumer<Imported>> listeners = new CopyOnWriteArrayList<>();

    /**
     * What an import stored: the accounts it created, in the file's order, and the accounts
     * whose hold its {@code hold} column lifted.
     */
    public record Imported(String clientId, List<Account> created, Set<String> holdsLifted) {

        public Imported {
            created = List.copyOf(created);
            holdsLifted = Set.copyOf(holdsLifted);
        }

        /** An import that lifted no hold. */
        public Imported(String clientId, List<Account> created) {
            this(clientId, created, Set.of());
        }
    }

    /** An import on the system clock that takes files of up to {@value #MAX_ROWS} rows. */
    public BalanceImport(AccountStore accounts, ClientStore clients) {
        this(accounts, clients, Clock.systemDefaultZone(), MAX_ROWS);
    }

    /**
     * @param clock   gives today, the last date of birth a file may hold
     * @param maxRows the most encounter rows one file may have; a larger file is refused whole
     */
    public BalanceImport(AccountStore accounts, ClientStore clients, Clock clock, int maxRows) {
        this(accounts, clients, clock, maxRows, VisitAdjustments.NONE);
    }

    /**
     * @param adjusted visits Parley lowered itself, which a file with their earlier figures
     *                 leaves as they are
     */
    public BalanceImport(AccountStore accounts, ClientStore clients, Clock clock, int maxRows,
                         VisitAdjustments adjusted) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("The most rows a balance file may have is "
                    + maxRows + "; configure a number of 1 or more, such as " + MAX_ROWS);
        }
        this.accounts = accounts;
        this.clients = clients;
        this.clock = clock;
        this.maxRows = maxRows;
        this.adjusted = adjusted;
    }

    /** Tells {@code listener} of every import that stored something; call when wiring. */
    public void listen(Consumer<Imported> listener) {
        listeners.add(listener);
    }

    /**
     * Imports a file given as bytes, which must be UTF-8 (a byte order mark is allowed).
     *
     * @throws org.parley.NotFoundException    when the client does not exist
     * @throws BalanceFileRejected.TooManyRows when the file has too many rows; nothing is stored
     * @throws BalanceFileRejected             when the file has any problem; nothing is stored
     */
    public ImportResult importCsv(String clientId, byte[] csv) {
        clients.require(clientId);
        return apply(clientId, read(clientId, new StringReader(BalanceFile.utf8(csv))));
    }

    /**
     * Imports a file given as text.
     *
     * @throws org.parley.NotFoundException    when the client does not exist
     * @throws BalanceFileRejected.TooManyRows when the file has too many rows; nothing is stored
     * @throws BalanceFileRejected             when the file has any problem; nothing is stored
     */
    public ImportResult importCsv(String clientId, Reader csv) {
        clients.require(clientId);
        return apply(clientId, read(clientId, csv));
    }

    private BalanceFile read(String clientId, Reader csv) {
        try {
            return BalanceFile.read(clientId, csv, LocalDate.now(clock), maxRows);
        } catch (BalanceFileRejected.TooManyRows e) {
            LOG.log(System.Logger.Level.INFO, "Balance file for client {0} refused: {1} rows, "
                    + "over the limit of {2}", clientId, e.rows(), e.maxRows());
            throw e;
        } catch (BalanceFileRejected e) {
            LOG.log(System.Logger.Level.INFO, "Balance file for client {0} rejected with {1} "
                    + "problems", clientId, e.problems().size() + e.unlisted());
            throw e;
        }
    }

    // Serialized: two imports at once could each read an account before the other writes it.
    private synchronized ImportResult apply(String clientId, BalanceFile file) {
        AccountStore.Directory directory = accounts.directory(clientId);
        Map<String, String> owners = new HashMap<>();
        file.accounts().forEach(a -> a.encounters()
                .forEach(e -> owners.put(e.encounterId(), a.accountNumber())));

        // Read whole only the file's stored accounts and those a visit of the file moves from.
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> moved = new HashSet<>();
        file.accounts().stream().map(Account::accountNumber).filter(directory::has)
                .forEach(wanted::add);
        owners.forEach((encounterId, owner) -> directory.holders(encounterId).stream()
                .filter(holder -> !holder.equals(owner))
                .forEach(holder -> {
                    wanted.add(holder);
                    moved.add(encounterId);
                }));
        Map<String, Account> stored = new LinkedHashMap<>();
        accounts.findAll(directory, wanted).forEach(a -> stored.put(a.accountNumber(), a));

        Map<String, Map<String, List<VisitAdjustments.Adjustment>>> lowered =
                adjusted.before(clientId);
        Tally tally = new Tally();
        List<Account> changed = new ArrayList<>();
        for (Account incoming : file.accounts()) {
            Account before = stored.remove(incoming.accountNumber());
            if (before == null) {
                tally.accountsCreated++;
                incoming.encounters().forEach(e -> tally.countNew(moved.contains(e.encounterId())));
                changed.add(incoming);
                continue;
            }
            Account merged = merge(withoutMoved(before, owners), incoming,
                    file.carriesLastPayment(), moved,
                    lowered.getOrDefault(incoming.accountNumber(), Map.of()), tally);
            if (sameAccount(before, merged)) {
                tally.accountsUnchanged++;
            } else {
                tally.accountsUpdated++;
                changed.add(merged);
            }
        }
        // What is left are accounts the file does not name that a visit moved away from.
        for (Account before : stored.values()) {
            tally.accountsUpdated++;
            changed.add(withoutMoved(before, owners));
        }

        accounts.saveAll(directory, changed, clock.instant());
        Set<String> lifted = file.holds().map(holds -> accounts.holds().apply(clientId, holds))
                .orElse(Set.of());
        Imported imported = new Imported(clientId, changed.stream()
                .filter(a -> !directory.has(a.accountNumber())).toList(), lifted);
        for (Consumer<Imported> listener : listeners) {
            try {
                listener.accept(imported);
            } catch (RuntimeException e) {
                // The balances are stored; what follows from them must not undo the import.
                LOG.log(System.Logger.Level.WARNING, "A listener of the balance import for "
                        + "client " + clientId + " failed", e);
            }
        }
        ImportResult result = tally.result();
        LOG.log(System.Logger.Level.INFO, "Balance import for client {0}: {1}", clientId, result);
        return result;
    }

    /** The account without the visits the file puts on another account. */
    private static Account withoutMoved(Account account, Map<String, String> owners) {
        List<Encounter> kept = account.encounters().stream()
                .filter(e -> owners.getOrDefault(e.encounterId(), account.accountNumber())
                        .equals(account.accountNumber()))
                .toList();
        return kept.size() == account.encounters().size() ? account
                : new Account(account.clientId(), account.accountNumber(), account.firstName(),
                        account.lastName(), account.dateOfBirth(), account.zip(), account.phone(),
                        account.email(), account.preferredLanguage(), kept,
                        account.lastPayment());
    }

    private static Account merge(Account before, Account incoming, boolean carriesLastPayment,
                                 Set<String> moved,
                                 Map<String, List<VisitAdjustments.Adjustment>> lowered,
                                 Tally tally) {
        Map<String, Encounter> visits = new LinkedHashMap<>();
        before.encounters().forEach(e -> visits.put(e.encounterId(), e));
        for (Encounter fileVisit : incoming.encounters()) {
            Encounter e = kept(fileVisit, lowered.getOrDefault(fileVisit.encounterId(),
                    List.of()));
            Encounter old = visits.get(e.encounterId());
            if (old == null) {
                tally.countNew(moved.contains(e.encounterId()));
                visits.put(e.encounterId(), e);
            } else if (sameEncounter(old, e)) {
                tally.encountersUnchanged++;
            } else {
                tally.encountersUpdated++;
                visits.put(e.encounterId(), e);
            }
        }
        return new Account(before.clientId(), before.accountNumber(), incoming.firstName(),
                incoming.lastName(), incoming.dateOfBirth(), incoming.zip(), incoming.phone(),
                incoming.email(), incoming.preferredLanguage(), List.copyOf(visits.values()),
                carriesLastPayment ? incoming.lastPayment() : before.lastPayment());
    }

    /**
     * The file's visit with Parley's own adjustments taken off again, each while the file still
     * books the visit as it was before that adjustment (same charges, insurance paid and
     * adjustments); the share never goes below zero.
     */
    private static Encounter kept(Encounter visit, List<VisitAdjustments.Adjustment> lowered) {
        Encounter e = visit;
        for (VisitAdjustments.Adjustment a : lowered) {
            Encounter b = a.before();
            boolean unbooked = b.charges().compareTo(e.charges()) == 0
                    && b.insurancePaid().compareTo(e.insurancePaid()) == 0
                    && b.adjustments().compareTo(e.adjustments()) == 0;
            if (!unbooked) {
                continue;
            }
            BigDecimal share = e.patientResponsibility().subtract(a.amount())
                    .max(BigDecimal.ZERO.setScale(2));
            BigDecimal taken = e.patientResponsibility().subtract(share);
            e = new Encounter(e.encounterId(), e.serviceDate(), e.provider(), e.description(),
                    e.charges(), e.insurancePaid(), e.adjustments().add(taken), share,
                    e.dueDate());
        }
        return e;
    }

    // Amounts compare by value: 45.0 stored by another writer is the file's 45.00.
    private static boolean sameAccount(Account a, Account b) {
        return a.firstName().equals(b.firstName()) && a.lastName().equals(b.lastName())
                && a.dateOfBirth().equals(b.dateOfBirth()) && a.zip().equals(b.zip())
                && a.phone().equals(b.phone()) && a.email().equals(b.email())
                && a.preferredLanguage().equals(b.preferredLanguage())
                && samePayment(a.lastPayment(), b.lastPayment())
                && a.encounters().size() == b.encounters().size()
                && allSame(a.encounters(), b.encounters());
    }

    private static boolean allSame(List<Encounter> a, List<Encounter> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!sameEncounter(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameEncounter(Encounter a, Encounter b) {
        return a.encounterId().equals(b.encounterId()) && a.serviceDate().equals(b.serviceDate())
                && a.provider().equals(b.provider()) && a.description().equals(b.description())
                && sameAmount(a, b, Encounter::charges)
                && sameAmount(a, b, Encounter::insurancePaid)
                && sameAmount(a, b, Encounter::adjustments)
                && sameAmount(a, b, Encounter::patientResponsibility)
                && a.dueDate().equals(b.dueDate());
    }

    private static boolean samePayment(Optional<Payment> a, Optional<Payment> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty()
                || a.get().date().equals(b.get().date())
                && a.get().amount().compareTo(b.get().amount()) == 0);
    }

    private static boolean sameAmount(Encounter a, Encounter b,
                                      Function<Encounter, BigDecimal> amount) {
        return amount.apply(a).compareTo(amount.apply(b)) == 0;
    }

    private static final class Tally {
        int accountsCreated;
        int accountsUpdated;
        int accountsUnchanged;
        int encountersAdded;
        int encountersUpdated;
        int encountersUnchanged;

        /** A visit new to its account: added, or updated when it moved from another account. */
        void countNew(boolean moved) {
            if (moved) {
                encountersUpdated++;
            } else {
                encountersAdded++;
            }
        }

        ImportResult result() {
            return new ImportResult(accountsCreated, accountsUpdated, accountsUnchanged,
                    encountersAdded, encountersUpdated, encountersUnchanged);
        }
    }
}
