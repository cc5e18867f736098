package org.parley.billing;

import org.parley.client.ClientStore;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies a client's balance file to its accounts. The whole file is checked before anything is
 * written: a file with any bad row is refused with every problem listed, and changes nothing.
 *
 * <p>Encounters in the file are added, or replace the stored encounter with the same id; stored
 * encounters the file does not mention are kept. The account holder's fields become the file's.
 * The last payment is taken from the file only when it has the last-payment columns.
 */
public final class BalanceImport {

    private static final System.Logger LOG = System.getLogger(BalanceImport.class.getName());

    private final AccountStore accounts;
    private final ClientStore clients;

    public BalanceImport(AccountStore accounts, ClientStore clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    /**
     * Imports a file given as bytes, which must be UTF-8 (a byte order mark is allowed).
     *
     * @throws org.parley.NotFoundException when the client does not exist
     * @throws BalanceFileRejected          when the file has any problem; nothing is stored
     */
    public ImportResult importCsv(String clientId, byte[] csv) {
        clients.require(clientId);
        return apply(clientId, read(clientId, new StringReader(BalanceFile.utf8(csv))));
    }

    /**
     * Imports a file given as text.
     *
     * @throws org.parley.NotFoundException when the client does not exist
     * @throws BalanceFileRejected          when the file has any problem; nothing is stored
     */
    public ImportResult importCsv(String clientId, Reader csv) {
        clients.require(clientId);
        return apply(clientId, read(clientId, csv));
    }

    private static BalanceFile read(String clientId, Reader csv) {
        try {
            return BalanceFile.read(clientId, csv);
        } catch (BalanceFileRejected e) {
            LOG.log(System.Logger.Level.INFO, "Balance file for client {0} rejected with {1} "
                    + "problems", clientId, e.problems().size());
            throw e;
        }
    }

    // Serialized: two imports at once could each read an account before the other writes it.
    private synchronized ImportResult apply(String clientId, BalanceFile file) {
        List<String> numbers = file.accounts().stream().map(Account::accountNumber).toList();
        Map<String, Account> stored = new LinkedHashMap<>();
        accounts.findAll(clientId, numbers).forEach(a -> stored.put(a.accountNumber(), a));

        Tally tally = new Tally();
        List<Account> changed = new ArrayList<>();
        for (Account incoming : file.accounts()) {
            Account before = stored.get(incoming.accountNumber());
            if (before == null) {
                tally.accountsCreated++;
                tally.encountersAdded += incoming.encounters().size();
                changed.add(incoming);
                continue;
            }
            Account merged = merge(before, incoming, file.carriesLastPayment(), tally);
            if (sameAccount(before, merged)) {
                tally.accountsUnchanged++;
            } else {
                tally.accountsUpdated++;
                changed.add(merged);
            }
        }

        accounts.saveAll(changed);
        ImportResult result = tally.result();
        LOG.log(System.Logger.Level.INFO, "Balance import for client {0}: {1}", clientId, result);
        return result;
    }

    private static Account merge(Account before, Account incoming, boolean carriesLastPayment,
                                 Tally tally) {
        Map<String, Encounter> visits = new LinkedHashMap<>();
        before.encounters().forEach(e -> visits.put(e.encounterId(), e));
        for (Encounter e : incoming.encounters()) {
            Encounter old = visits.get(e.encounterId());
            if (old == null) {
                tally.encountersAdded++;
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

        ImportResult result() {
            return new ImportResult(accountsCreated, accountsUpdated, accountsUnchanged,
                    encountersAdded, encountersUpdated, encountersUnchanged);
        }
    }
}
