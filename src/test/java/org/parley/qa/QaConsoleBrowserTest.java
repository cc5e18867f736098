package org.parley.qa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.parley.testing.Browser;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The QA console in a real headless Chromium: a reviewer signs in, filters, opens a
 * transcript, reveals a masked date of birth, scores the conversation, and sees a patient's
 * message with markup in it as literal text.
 */
class QaConsoleBrowserTest {

    private static final String MARKUP = "<img src=x onerror=\"window.pwned=1\"><b>balance</b>"
            + " & \"more\"";

    @TempDir
    static Path data;
    static Browser browser;
    static FakeTwilio twilio;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static String chat;

    @BeforeAll
    static void start() {
        browser = Browser.startBeside(() -> {
            twilio = FakeTwilio.start();
            Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
            env.put("PARLEY_STAFF_DEMO_PASSWORD", Reviewer.PASSWORD);
            parley = TestParley.start(data, env, CLOCK);
            Seeds seeds = new Seeds(parley, CLOCK);
            chat = seeds.chat("en", MARKUP, "03/14/1985 Rivera");
            seeds.sms(twilio, "+14045550131", "balance");
            seeds.summarize();
        });
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(parley, twilio, browser);
    }

    @Test
    void aReviewerFiltersOpensATranscriptRevealsADetailAndScoresIt() {
        Browser.requireInstalled();
        WebDriver page = browser.driver();
        browser.freshPage(parley.http("/qa"));
        browser.await("the sign-in form", d -> d.findElements(By.id("signin")).size() == 1);
        page.findElement(By.id("email")).sendKeys(Reviewer.DEMO_QA);
        page.findElement(By.id("password")).sendKeys(Reviewer.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.await("two conversations found", d -> text(d, "qa-total")
                .startsWith("2 conversations"));

        new Select(page.findElement(By.id("qa-channel"))).selectByValue("webchat");
        page.findElement(By.id("qa-search")).click();
        browser.await("one conversation found", d -> text(d, "qa-total")
                .startsWith("1 conversation "));
        List<WebElement> rows = page.findElements(By.cssSelector("#qa-results tbody tr"));
        assertEquals(1, rows.size());
        rows.get(0).findElement(By.className("qa-open")).click();

        browser.await("the transcript", d -> text(d, "qa-conversation-id").equals(chat));
        WebElement markup = page.findElement(By.cssSelector("#qa-timeline li[data-seq='3'] .text"));
        assertEquals(MARKUP, browser.script("return arguments[0].textContent", markup));
        assertEquals(0L, (Long) browser.script(
                "return document.querySelectorAll('#qa-timeline img, #qa-timeline b').length"));
        assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"));

        page.findElement(By.cssSelector("#qa-timeline li[data-seq='5'] .masked")).click();
        browser.await("the revealed date", d -> d.findElements(
                By.cssSelector("#qa-timeline li[data-seq='5'] .revealed")).size() == 1);
        assertEquals("03/14/1985 Rivera", browser.script("return arguments[0].textContent",
                page.findElement(By.cssSelector("#qa-timeline li[data-seq='5'] .text"))));

        for (WebElement yes : page.findElements(By.cssSelector("#qa-items input[value='yes']"))) {
            yes.click();
        }
        page.findElement(By.cssSelector("#qa-items input[id='qa-item-respectful-no']")).click();
        page.findElement(By.id("qa-save-score")).click();
        browser.await("the score", d -> !text(d, "qa-score-result").isEmpty());
        assertEquals("Scored 92%", text(page, "qa-score-result"));
        assertEquals("92%", text(page, "qa-score"));
        assertEquals("92", page.findElement(By.cssSelector("#qa-results tbody tr td:nth-child(7)"))
                .getText());
        assertEquals(List.of("newest first", "oldest first", "lowest score first",
                "highest score first", "most flags first"), new Select(page.findElement(
                By.id("qa-sort"))).getOptions().stream().map(WebElement::getText).toList());
        assertEquals(List.of("transcript_viewed", "personal_detail_revealed"),
                parley.parley().services().audit().forConversation(chat).stream()
                        .filter(e -> e.actor().startsWith("staff:"))
                        .map(org.parley.audit.AuditLog.Entry::event).toList());
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }
}
