package org.parley.payments;

/**
 * What a payment file import did: of the file's payments, how many were new and recorded, and
 * how many had been recorded before and changed nothing. Importing the same file again counts
 * every payment as a duplicate.
 *
 * @param receiptsSent         new payments the patient was told of in a verified conversation
 * @param receiptsNotSent      new payments no receipt went out for (no verified conversation)
 */
public record PaymentImportResult(int payments, int recorded, int duplicates, int receiptsSent,
                                  int receiptsNotSent) {

    /** True when the import recorded nothing new. */
    public boolean changedNothing() {
        return recorded == 0;
    }
}
