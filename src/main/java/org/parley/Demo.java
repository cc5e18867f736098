package org.parley;

import org.parley.billing.BalanceImport;
import org.parley.client.Client;
import org.parley.client.ClientStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/** The demo client and its synthetic patients, seeded on a first start. */
final class Demo {

    static final String CLIENT_ID = "example-health";

    private static final System.Logger LOG = System.getLogger(Demo.class.getName());

    private Demo() {
    }

    /** Adds the demo client and imports its balance file, once: a restart changes nothing. */
    static void seed(ClientStore clients, BalanceImport balances) {
        if (clients.find(CLIENT_ID).isPresent()) {
            return;
        }
        clients.save(new Client(CLIENT_ID, "Example Health", ZoneId.of("America/New_York"), "USD",
                "(555) 010-0199", "+15555550100", List.of("en", "es")));
        try (InputStream in = Demo.class.getResourceAsStream("/demo/example-health.csv")) {
            if (in == null) {
                throw new IllegalStateException("demo/example-health.csv is missing from the jar");
            }
            balances.importCsv(CLIENT_ID, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.log(System.Logger.Level.INFO, "Seeded demo client {0}", CLIENT_ID);
    }

    /** A fresh API token for a demo run without PARLEY_API_TOKEN. */
    static String token(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
