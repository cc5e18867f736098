package org.parley.channel.email;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.parley.testing.BrowserCase;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The development mailbox in a real headless Chromium against a real Parley without SMTP: a
 * patient writes from the page, Parley's answer appears in the inbox with its HTML shown in a
 * sandboxed frame, and a reply from the page continues the thread.
 */
class DevMailBrowserTest extends BrowserCase {

    @BeforeEach
    void openMailbox() {
        browser.freshPage(parley.http("/dev/mail"));
    }

    private List<WebElement> inbox() {
        return browser.driver().findElements(By.cssSelector("#list button"));
    }

    @Test
    void aPatientWritesReadsTheAnswerAsSentAndRepliesInTheThread() {
        browser.await("the client's mailbox to be offered", d ->
                d.findElements(By.cssSelector("#to option")).size() == 1 ? true : null);
        assertEquals("Example Health <billing@example-health.test>", browser.driver()
                .findElement(By.cssSelector("#to option")).getText());

        browser.driver().findElement(By.cssSelector("#write-form button")).click();

        browser.await("Parley's answer in the inbox", d -> inbox().size() == 1 ? true : null);
        String plain = browser.driver().findElement(By.id("plain")).getText();
        assertTrue(plain.startsWith("Hi, this is the billing assistant for Example Health."),
                plain);
        assertEquals("Re: Question about my bill",
                browser.driver().findElement(By.id("reader-subject")).getText());
        String frame = browser.driver().findElement(By.id("html")).getDomAttribute("src");
        assertTrue(frame.startsWith("/dev/mail/messages/"), frame);

        browser.driver().findElement(By.id("reply")).sendKeys("03/14/1985 Rivera");
        browser.driver().findElement(By.cssSelector("#reply-form button")).click();

        browser.await("the answer to the reply", d -> inbox().size() == 2 ? true : null);
        assertTrue(browser.driver().findElement(By.id("plain")).getText()
                .startsWith("Thank you, Alex. I've confirmed your identity."));
    }
}
