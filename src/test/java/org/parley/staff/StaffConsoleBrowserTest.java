package org.parley.staff;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.parley.testing.BrowserCase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Staff sign-in in a real headless Chromium: the form, the console page, and sign-out. */
class StaffConsoleBrowserTest extends BrowserCase {

    private static final String MARKUP_NAME =
            "<img src=x onerror=\"window.pwned=1\"><b>Sam</b> & \"Co\"";

    @BeforeAll
    static void addSam() {
        // With no browser installed, nothing started and each test reports that itself.
        if (parley != null) {
            StaffHttp.member(parley, "sam@example-health.test", MARKUP_NAME, "\"agent\"");
        }
    }

    @BeforeEach
    void openAgentPage() {
        browser.driver().manage().deleteAllCookies();
        browser.freshPage(parley.http("/agent"));
    }

    @Test
    void anAgentSignsInThroughTheFormAndSeesTheirNameAsLiteralText() {
        signIn("sam@example-health.test", StaffHttp.PASSWORD);

        browser.await("the agent console", d -> d.findElements(By.id("sign-out")).size() == 1);
        WebDriver page = browser.driver();
        assertEquals("Agent console · Parley", page.getTitle());
        assertEquals(MARKUP_NAME, browser.script(
                "return document.getElementById('member-name').textContent"));
        assertEquals(MARKUP_NAME, page.findElement(By.id("member-display-name")).getText());
        assertEquals(0L, (Long) browser.script(
                "return document.querySelectorAll('main img, header img, b').length"));
        assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"));
        assertEquals("agent", page.findElement(By.id("member-roles")).getText());
    }

    @Test
    void aWrongPasswordIsToldOnTheFormWithoutLeavingIt() {
        signIn("sam@example-health.test", "not the password at all");

        String error = browser.await("the error", d -> {
            String text = d.findElement(By.id("error")).getText();
            return text.isEmpty() ? null : text;
        });
        assertEquals("Email or password is wrong, or the account is not active", error);
        assertEquals("", browser.driver().findElement(By.id("password")).getAttribute("value"));
        assertEquals(0, browser.driver().findElements(By.id("sign-out")).size());
    }

    @Test
    void signingOutReturnsToTheSignInForm() {
        signIn("sam@example-health.test", StaffHttp.PASSWORD);
        browser.await("the agent console", d -> d.findElements(By.id("sign-out")).size() == 1);

        browser.driver().findElement(By.id("sign-out")).click();

        browser.await("the sign-in form", d -> d.findElements(By.id("signin")).size() == 1);
        assertEquals("You have signed out.",
                browser.driver().findElement(By.id("notice")).getText());
        assertEquals("", browser.driver().findElement(By.id("error")).getText());
    }

    private static void signIn(String email, String password) {
        WebDriver page = browser.driver();
        browser.await("the sign-in form", d -> d.findElements(By.id("signin")).size() == 1);
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("sign-in")).click();
    }
}
