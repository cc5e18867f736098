package org.parley;

/**
 * Parley could not listen on its port, most often because another program (another Parley)
 * holds it. Starting fails with it, before any background job runs.
 */
public final class PortUnavailableException extends RuntimeException {

    public PortUnavailableException(int port) {
        super("Parley could not listen on port " + port + ": it is in use, perhaps by another "
                + "Parley; set PORT to a free port (or stop the other program) and start again");
    }
}
