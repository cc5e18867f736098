package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/**
 * What campaign tests share: a fresh Parley per test in its own data folder, on a test clock,
 * reached through {@link #f}.
 */
abstract class CampaignCase {

    @TempDir
    Path data;
    CampaignFixture f;

    /** The environment Parley starts with: none unless the test class says otherwise. */
    Map<String, String> env() {
        return Map.of();
    }

    @BeforeEach
    void startParley() {
        f = new CampaignFixture(data, env());
    }

    @AfterEach
    void stopParley() {
        f.close();
    }
}
