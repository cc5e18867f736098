package org.parley.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A headless Debian Chromium driven by Debian's ChromeDriver, for browser tests of Parley's
 * pages. It reaches no host but 127.0.0.1 and keeps its profile and caches in a temp folder that
 * {@link #close()} deletes.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final Path home;

    private Browser(ChromeDriver driver, Path home) {
        this.driver = driver;
        this.home = home;
    }

    /** Whether both Debian binaries are installed. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Stops the calling test when the browser is missing: a CI run fails, because {@code .ci/run}
     * installs it; anywhere else the test is skipped with how to install it. Call it on the test's
     * own thread: an assumption that fails on another thread fails the test instead.
     */
    public static void requireInstalled() {
        if (available()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; .ci/run "
                    + "installs them: apt-get install chromium chromium-driver");
        }
        Assumptions.abort(CHROMIUM + " or " + CHROMEDRIVER + " is missing, so browser tests are "
                + "skipped; install them with: sudo apt-get install -y chromium chromium-driver");
    }

    /** Starts the browser, after {@link #requireInstalled()}. */
    public static Browser start() {
        requireInstalled();

        Path home = tempDir();
        // The driver path is given, so Selenium Manager never starts and never tries the network.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of(
                        "XDG_CONFIG_HOME", dir(home, "config").toString(),
                        "XDG_CACHE_HOME", dir(home, "cache").toString()))
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(List.of(
                        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--user-data-dir=" + dir(home, "profile"),
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"));
        try {
            return new Browser(new ChromeDriver(service, options), home);
        } catch (RuntimeException e) {
            delete(home);
            throw e;
        }
    }

    /**
     * Starts the browser while {@code servers} starts what the test needs, side by side since
     * each takes seconds. Returns null, having started nothing, when no browser is installed:
     * Surefire hides an assumption that fails in {@code @BeforeAll}, so each test then calls
     * {@link #requireInstalled()} and reports the missing browser itself.
     */
    public static Browser startBeside(Runnable servers) {
        if (!available()) {
            return null;
        }
        CompletableFuture<Browser> starting = CompletableFuture.supplyAsync(Browser::start);
        try {
            servers.run();
        } catch (RuntimeException | Error e) {
            // The servers failed: the browser is not left running.
            try {
                starting.join().close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return starting.join();
    }

    /** Closes each of what a browser test started, those that did start. */
    public static void closeAll(AutoCloseable... started) {
        for (AutoCloseable each : started) {
            if (each != null) {
                try {
                    each.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + each, e);
                }
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Opens {@code url} in a new tab and closes every other one, so the page starts with empty
     * session storage and nothing left from an earlier test.
     */
    public void freshPage(URI url) {
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        driver.get(url.toString());
    }

    /** Runs {@code script} in the page and returns what it returns. */
    @SuppressWarnings("unchecked")
    public <T> T script(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits at most {@link #WAIT} until {@code condition} gives neither null nor false. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waited " + WAIT.toSeconds() + " s for " + what)
                .until(condition);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(home);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("parley-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temp folder for the browser", e);
        }
    }

    private static Path dir(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + parent.resolve(name), e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the browser's temp folder " + root, e);
        }
    }
}
