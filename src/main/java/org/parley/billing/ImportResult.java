package org.parley.billing;

/**
 * What a balance import changed: accounts and encounters of the file, counted by what happened to
 * each. Importing the same file again counts everything as unchanged. An encounter the file moves
 * from one account to another counts as updated, and so does an account the file does not name
 * that an encounter moved away from.
 */
public record ImportResult(int accountsCreated, int accountsUpdated, int accountsUnchanged,
                           int encountersAdded, int encountersUpdated, int encountersUnchanged) {

    /** True when the import stored nothing new. */
    public boolean changedNothing() {
        return accountsCreated == 0 && accountsUpdated == 0;
    }
}
