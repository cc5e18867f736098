package org.parley.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What browser tests of one of Parley's pages share: a Parley in a temp folder and a headless
 * Chromium, started side by side once per test class and closed after it. Each test first
 * requires the browser (see {@link Browser#requireInstalled()}); the test class then opens its
 * page in a {@code @BeforeEach} of its own.
 */
public abstract class BrowserCase {

    @TempDir
    protected static Path data;
    protected static Browser browser;
    protected static TestParley parley;

    @BeforeAll
    static void startParleyBesideTheBrowser() {
        browser = Browser.startBeside(() -> {
            parley = TestParley.start(data);
        });
    }

    @AfterAll
    static void stopParleyAndTheBrowser() {
        Browser.closeAll(parley, browser);
        parley = null;
        browser = null;
    }

    @BeforeEach
    void requireTheBrowser() {
        Browser.requireInstalled();
    }
}
