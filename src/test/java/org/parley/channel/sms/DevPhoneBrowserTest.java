package org.parley.channel.sms;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.parley.conversation.Message;
import org.parley.i18n.LocaleContent;
import org.parley.i18n.Renderer;
import org.parley.testing.Browser;
import org.parley.testing.BrowserCase;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.channel.sms.TwilioFixture.CLIENT;

/**
 * The simulated phone in a real headless Chromium against a real Parley without Twilio: the page
 * signs its webhooks in the browser, and the replies the background sender delivers to the
 * development outbox appear as bubbles with the encoding and segments the server stored.
 */
class DevPhoneBrowserTest extends BrowserCase {

    private static final String ALEX = "+14045550123";

    // One row per bubble on screen, in screen order: seq, sender, text, encoding label, status.
    private static final String READ_BUBBLES = """
            return Array.from(document.querySelectorAll('#thread > li.msg')).map(li => [
              li.dataset.seq, li.dataset.from, li.querySelector('.text').textContent,
              li.querySelector('.encoding').textContent, li.dataset.status]);
            """;

    @BeforeEach
    void openPhone() {
        browser.freshPage(parley.http("/dev/phone"));
    }

    @Test
    void demoPatientTextsTheirWayToTheirBalanceAndSeesEachReplysEncoding() {
        choose(ALEX);

        text().sendKeys("what do I owe", Keys.ENTER);

        // One text per turn: the question may share its text with the greeting, so the reply
        // is found by the message keys stored with it.
        Message question = await("Parley to store its verification question",
                d -> stored(ALEX).stream()
                        .filter(m -> m.key().stream().flatMap(k -> Stream.of(k.split(",")))
                                .anyMatch("verify.ask"::equals))
                        .findFirst().orElse(null));
        WebElement bubble = await("the question's bubble to show it delivered", d ->
                bubble(question.seq()).filter(b -> "delivered".equals(b.getDomAttribute(
                        "data-status"))).orElse(null));
        PhoneMessage sent = phoneMessage(ALEX, question.seq());
        assertEquals("bot", bubble.getDomAttribute("data-from"));
        assertEquals(sent.text(), bubble.findElement(By.className("text")).getText());
        assertTrue(sent.text().contains(verificationQuestion()), sent.text());
        assertEquals(label(sent), bubble.findElement(By.className("encoding")).getText());
        assertEquals("delivered", sent.status());

        text().sendKeys("03/14/1985 Rivera");
        browser.driver().findElement(By.id("send")).click();

        await("a bubble with the balance", d -> rows().stream()
                .anyMatch(r -> r.get(1).equals("bot") && r.get(2).contains("$1,234.50")));
        awaitScreenShowsStoredThread(ALEX);
    }

    @Test
    void anotherFictionalNumberTextsAndItsAccentedTextIsShownAsUcs2() {
        String number = "+14045550199";
        new Select(select()).selectByValue("__other__");
        WebElement other = browser.driver().findElement(By.id("phone-other"));
        other.sendKeys("+1 404 555 0199", Keys.ENTER);

        browser.await("the composer to open", d -> text().isEnabled());
        text().sendKeys("¿cómo pago?", Keys.ENTER);

        List<List<String>> rows = awaitScreenShowsStoredThread(number);
        assertEquals(List.of("1", "patient", "¿cómo pago?", "UCS-2 · 1 segment", "received"),
                rows.get(0));
        assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("bot")), "Parley answered");
    }

    @Test
    void aNumberOutsideTheFictionalRangeIsRefusedOnThePage() {
        new Select(select()).selectByValue("__other__");
        WebElement other = browser.driver().findElement(By.id("phone-other"));

        other.sendKeys("+14045551234", Keys.ENTER);

        assertEquals("true", other.getDomAttribute("aria-invalid"));
        assertTrue(browser.driver().findElement(By.id("notice")).getText().contains("55501"));
        assertFalse(text().isEnabled(), "nothing can be sent from a real-looking number");
    }

    // ---- driving and reading the page ----------------------------------------------------------

    private static WebElement select() {
        return browser.await("the demo numbers to load", d -> {
            WebElement select = d.findElement(By.id("phone-select"));
            return select.isEnabled() ? select : null;
        });
    }

    private static void choose(String phone) {
        new Select(select()).selectByValue(phone);
        browser.await("the composer to open", d -> text().isEnabled());
    }

    private static WebElement text() {
        return browser.driver().findElement(By.id("text"));
    }

    private static Optional<WebElement> bubble(long seq) {
        return browser.driver().findElements(By.cssSelector("#thread > li.msg[data-seq='" + seq
                + "']")).stream().findFirst();
    }

    /** Waits as {@link Browser#await} does; on a timeout, says what was stored and shown. */
    private static <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return browser.await(what, condition);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage().lines().findFirst().orElse(what)
                    + "\nstored: " + parley.parley().sms().outbox(CLIENT, ALEX, 0)
                    + "\nshown: " + rows() + "\nnotice: "
                    + browser.driver().findElement(By.id("notice")).getText(), e);
        }
    }

    private static List<List<String>> rows() {
        return browser.script(READ_BUBBLES);
    }

    /**
     * Waits until every stored message of the phone's thread has settled and the screen shows
     * exactly that thread, bubble by bubble; returns the rows.
     */
    private static List<List<String>> awaitScreenShowsStoredThread(String phone) {
        await("the screen to show the stored thread of " + phone, d -> {
            List<List<String>> expected = parley.parley().sms().outbox(CLIENT, phone, 0).stream()
                    .map(m -> List.of(String.valueOf(m.seq()), m.from(), m.text(), label(m),
                            m.status()))
                    .toList();
            // Settled: every text received or delivered, and Parley's answer to the patient's
            // last one stored (not just the patient's text, a moment before the answer).
            boolean settled = !expected.isEmpty()
                    && expected.get(expected.size() - 1).get(1).equals("bot")
                    && expected.stream().allMatch(r -> r.get(4).equals("received")
                            || r.get(4).equals("delivered"));
            return settled && expected.equals(rows());
        });
        return rows();
    }

    /** The label the server's stored encoding and segments call for. */
    private static String label(PhoneMessage m) {
        return DevPhone.label(m.encoding()) + " · " + m.segments()
                + (m.segments() == 1 ? " segment" : " segments");
    }

    /** The question as the English locale words it for SMS. */
    private static String verificationQuestion() {
        return new Renderer(LocaleContent.loadAll(Path.of("locales")), "en")
                .render("en", "US", "sms", "verify.ask", Map.of(), "USD");
    }

    private static List<Message> stored(String phone) {
        return parley.parley().sms().outbox(CLIENT, phone, 0).stream().findFirst()
                .map(m -> parley.parley().services().conversations().messages(m.conversationId()))
                .orElse(List.of());
    }

    private static PhoneMessage phoneMessage(String phone, long seq) {
        return parley.parley().sms().outbox(CLIENT, phone, seq - 1).get(0);
    }
}
