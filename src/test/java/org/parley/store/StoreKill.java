package org.parley.store;

/**
 * Kills a store as {@code kill -9} would, for tests outside this package: nothing written since
 * its last commit reaches the file, the open mark stays, and closing the Parley over it
 * afterwards leaves the store as it is.
 */
public final class StoreKill {

    private StoreKill() {
    }

    /** Stops {@code store} with no shutdown; see {@link Store#kill}. */
    public static void kill(Store store) {
        store.kill();
    }
}
