package org.parley.payments;

import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.csv.CsvFileRejected.Problem;
import org.parley.csv.CsvProblems;
import org.parley.csv.CsvRows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a client's payment file. The whole file is checked first, on its own and then
 * against the store (accounts, balances, payment ids recorded before), and a file with any
 * problem is refused and records nothing. Then each payment is recorded in the file's order
 * through the {@link PaymentLedger}, as if it came by webhook: a payment id recorded before
 * changes nothing, so importing a file again records nothing new.
 */
public final class PaymentImport {

    private static final System.Logger LOG = System.getLogger(PaymentImport.class.getName());

    private final PaymentLedger ledger;
    private final ClientStore clients;
    private final Clock clock;
    private final int maxRows;

    /**
     * @param clock   gives now, the latest a payment may have been made
     * @param maxRows the most payment rows one file may have; a larger file is refused whole
     */
    public PaymentImport(PaymentLedger ledger, ClientStore clients, Clock clock, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("The most rows a payment file may have is "
                    + maxRows + "; configure a number of 1 or more");
        }
        this.ledger = ledger;
        this.clients = clients;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /**
     * Imports a file given as bytes, which must be UTF-8 (a byte order mark is allowed).
     *
     * @throws org.parley.NotFoundException when the client does not exist
     * @throws PaymentFileRejected          listing every problem; nothing was recorded
     */
    public PaymentImportResult importCsv(String clientId, byte[] csv) {
        Client client = clients.require(clientId);
        List<PaymentFile.Row> rows;
        try {
            PaymentFile.Read read = PaymentFile.read(client,
                    new StringReader(CsvRows.utf8(csv, PaymentFile.KIND)), clock.instant(),
                    maxRows);
            rows = read.rows();
            // One answer lists every problem: the values' and the store's, by line.
            CsvProblems problems = read.problems();
            checkAgainstStore(client, rows, problems);
            if (problems.found() > 0) {
                throw problems.rejection(PaymentFile.KIND);
            }
        } catch (PaymentFileRejected e) {
            LOG.log(System.Logger.Level.INFO, "Payment file for client {0} rejected with {1} "
                    + "problems", clientId, e.problems().size() + e.unlisted());
            throw e;
        }

        int recorded = 0;
        int duplicates = 0;
        int receipts = 0;
        for (PaymentFile.Row row : rows) {
            PaymentLedger.Outcome outcome = ledger.record(row.payment());
            if (outcome.duplicate()) {
                duplicates++;
                continue;
            }
            recorded++;
            receipts += outcome.payment().receipt().status() == Receipt.Status.SENT ? 1 : 0;
        }
        PaymentImportResult result = new PaymentImportResult(rows.size(), recorded, duplicates,
                receipts, recorded - receipts);
        LOG.log(System.Logger.Level.INFO, "Payment import for client {0}: {1}", clientId,
                result);
        return result;
    }

    /**
     * Adds a problem for each good row whose payment would be refused now: an unknown account,
     * more than the account owes after the file's earlier payments to it, or an id recorded
     * before for another account or amount.
     */
    private void checkAgainstStore(Client client, List<PaymentFile.Row> rows,
                                   CsvProblems problems) {
        Map<String, BigDecimal> taken = new HashMap<>();
        for (PaymentFile.Row row : rows) {
            ReportedPayment p = row.payment();
            BigDecimal before = taken.getOrDefault(p.accountNumber(), BigDecimal.ZERO);
            try {
                if (ledger.check(p, before) == PaymentLedger.Check.NEW) {
                    taken.put(p.accountNumber(), before.add(p.amount()));
                }
            } catch (PaymentException.UnknownAccount e) {
                problems.add(new Problem(row.line(), "account_number", p.accountNumber(),
                        "an account of client " + client.id() + "; import the balance file "
                                + "with it first"));
                problems.badRow();
            } catch (PaymentException.MoreThanOwed e) {
                problems.add(new Problem(row.line(), "amount", p.amount().toPlainString(),
                        "at most " + e.owed().toPlainString() + ", what account "
                                + p.accountNumber() + " owes after the file's earlier payments"));
                problems.badRow();
            } catch (PaymentException.IdReused e) {
                problems.add(new Problem(row.line(), "payment_id", p.paymentId(), "a payment id "
                        + "recorded once: it was recorded before for account "
                        + e.recorded().accountNumber() + " and "
                        + e.recorded().amount().toPlainString()));
                problems.badRow();
            }
        }
    }
}
