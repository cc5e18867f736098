package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.parley.testing.Browser;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The campaigns page in a real headless Chromium: an administrator signs in, sees the demo
 * client's campaign and opens its results, drawn as bars per step with the figures beside:
 * what waits, what is queued for Twilio, what was sent and what came of it.
 */
class CampaignPageBrowserTest {

    static final String PASSWORD = "campaign page passphrase 0123";

    @TempDir
    static Path data;
    static Browser browser;
    static CampaignFixture f;
    static String id;

    @BeforeAll
    static void start() {
        // Surefire hides an assumption that fails here: the test reports a missing browser.
        if (!Browser.available()) {
            return;
        }
        CompletableFuture<Browser> starting = CompletableFuture.supplyAsync(Browser::start);
        try {
            f = new CampaignFixture(data, Map.of("PARLEY_STAFF_DEMO_PASSWORD", PASSWORD));
            id = ResultsSeed.seed(f);
        } finally {
            browser = starting.join();
        }
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdministratorSeesTheCampaignAndItsBarsPerStepWithExactFigures() {
        Browser.requireInstalled();
        WebDriver page = browser.driver();
        openList(page);

        WebElement row = page.findElement(By.cssSelector("#cmp-list tbody tr[data-id='" + id
                + "']"));
        assertEquals("Winter reminders running 2026-12-07 2027-01-06 4", cells(row, 5));
        row.findElement(By.className("cmp-open")).click();
        browser.await("the results", d -> d.findElements(By.cssSelector("#cmp-steps tbody tr"))
                .size() == 3);

        assertEquals("Winter reminders", text(page, "cmp-name"));
        assertEquals("4 members, 1 stopped, 4 waiting, 0 queued, 5 sent, 3 delivered, "
                + "1 replied, 1 paid, 1 plans, 1 assistance requests", text(page, "cmp-summary"));
        List<WebElement> steps = page.findElements(By.cssSelector("#cmp-steps tbody tr"));
        assertEquals("1 1 sms 4 0 0 0 2 (frequency_cap 1, quiet_hours 2) 3 2 1 0 1 0 0 1 1 0 1 1",
                cells(steps.get(0), 20));
        assertEquals("2 4 email 3 1 0 0 1 (assistance_pending 1) 2 1 0 0 0 0 1 0 0 1 0 0",
                cells(steps.get(1), 20));
        // Step 3 is not due: three members wait for it, the one who opted out is skipped.
        assertEquals("3 30 sms 0 3 0 0 0 0 0 0 0 0 0 1 0 0 0 0 0", cells(steps.get(2), 20));
        assertEquals(List.of("1 waiting 0", "1 queued 0", "1 sent 3", "1 delivered 2",
                "1 replied 1", "1 converted 2",
                "2 waiting 1", "2 queued 0", "2 sent 2", "2 delivered 1", "2 replied 0",
                "2 converted 1",
                "3 waiting 3", "3 queued 0", "3 sent 0", "3 delivered 0", "3 replied 0",
                "3 converted 0"),
                page.findElements(By.cssSelector("#cmp-svg rect.cmp-bar")).stream()
                        .map(b -> b.getAttribute("data-step") + " "
                                + b.getAttribute("data-series") + " "
                                + b.getAttribute("data-value")).toList());
        assertEquals("3", browser.script("return document.querySelector("
                + "'#cmp-svg text.cmp-value[data-step=\"1\"][data-series=\"sent\"]')"
                + ".textContent"));
        assertEquals("3", browser.script("return document.querySelector("
                + "'#cmp-svg text.cmp-value[data-step=\"3\"][data-series=\"waiting\"]')"
                + ".textContent"));
    }

    @Test
    void at1280PixelsTheOpenResultsFitTheWindowAndTheChartIsLabelled() {
        Browser.requireInstalled();
        WebDriver page = browser.driver();
        page.manage().window().setSize(new Dimension(1280, 900));
        openResults(page);

        assertEquals(1280L, browser.<Long>script("return window.outerWidth"));
        assertEquals(browser.<Long>script("return document.documentElement.clientWidth"),
                browser.<Long>script("return document.documentElement.scrollWidth"));
        WebElement chart = page.findElement(By.id("cmp-svg"));
        assertEquals("img", chart.getAttribute("role"));
        assertEquals("Results of Winter reminders: step 1 (day 1) waiting 0, queued 0, sent 3, "
                + "delivered 2, replied 1, converted 2; step 2 (day 4) waiting 1, queued 0, "
                + "sent 2, delivered 1, replied 0, converted 1; step 3 (day 30) waiting 3, "
                + "queued 0, sent 0, delivered 0, replied 0, converted 0",
                chart.getAttribute("aria-label"));
        List<WebElement> heads = page.findElements(By.cssSelector("#cmp-steps thead th"));
        assertEquals("Waiting Queued Ever held Refused Skipped", String.join(" ",
                heads.get(4).getText(), heads.get(6).getText(), heads.get(7).getText(),
                heads.get(11).getText(), heads.get(14).getText()));
    }

    /** Opens the page, signing in as the administrator unless an earlier test did. */
    private static void openList(WebDriver page) {
        browser.freshPage(f.parley.http("/campaigns"));
        browser.await("the sign-in form or the list", d -> d.findElements(By.id("signin"))
                .size() == 1 || d.findElements(By.id("cmp-status")).size() == 1);
        if (page.findElements(By.id("signin")).size() == 1) {
            page.findElement(By.id("email")).sendKeys("admin@example-health.test");
            page.findElement(By.id("password")).sendKeys(PASSWORD);
            page.findElement(By.id("sign-in")).click();
        }
        browser.await("the campaign list", d -> text(d, "cmp-status").equals("1 campaign"));
    }

    /** Opens the seeded campaign's results. */
    private static void openResults(WebDriver page) {
        openList(page);
        page.findElement(By.cssSelector("#cmp-list tbody tr[data-id='" + id + "'] .cmp-open"))
                .click();
        browser.await("the results", d -> d.findElements(By.cssSelector("#cmp-steps tbody tr"))
                .size() == 3);
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    private static String cells(WebElement row, int count) {
        return String.join(" ", row.findElements(By.tagName("td")).stream().limit(count)
                .map(WebElement::getText).toList());
    }
}
