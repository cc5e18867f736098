package org.parley.channel.webchat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.parley.conversation.Message;
import org.parley.testing.BrowserCase;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The patient's chat page in a real headless Chromium against a real Parley: what a patient
 * sees on screen, bubble by bubble, including after a dropped connection and a reload.
 */
class ChatPageBrowserTest extends BrowserCase {

    private static final String GREETING = "Hi, this is the billing assistant for Example Health. "
            + "I can help you with your bill.";
    private static final String MENU = "What would you like to do?";
    private static final String VERIFY = "First I need to confirm who you are. Please send your "
            + "date of birth and last name (for example: 03/14/1985 Rivera), or your account "
            + "number and ZIP code.";
    private static final String BALANCE = "Your balance is $1,234.50 for 2 visits. It is due by "
            + "December 31, 2026 (in 27 days).";
    private static final List<String> VERIFIED_BALANCE = List.of(
            "bot: Thank you, Alex. I've confirmed your identity.",
            "bot: " + BALANCE,
            "bot: September 2, 2026: Office visit with Dr. Lena Ortiz, $45.00",
            "bot: October 15, 2026: MRI, left knee with Northside Imaging, $1,189.50",
            "bot: Your last payment was $50.00 on November 2, 2026.",
            "bot: Is there anything else I can help you with?");

    // One row per bubble on screen, in screen order: seq ("" while sending), sender, text.
    private static final String READ_BUBBLES = """
            return Array.from(document.querySelectorAll('#messages > li.msg')).map(li => [
              li.dataset.seq || '',
              (li.className.match(/msg-(bot|patient|agent)/) || [])[1] || '?',
              li.querySelector('.text').textContent]);
            """;

    @BeforeEach
    void openChat() {
        browser.freshPage(parley.http("/chat"));
    }

    @Test
    void englishPatientTypesTheirWayToTheirBalance() {
        browser.driver().findElement(By.id("lang-en")).click();

        awaitBubbles(2);
        assertEquals(List.of("bot: " + GREETING, "bot: " + MENU), lines());
        assertEquals(List.of("Check my balance", "Pay my bill", "Payment plan",
                "Financial assistance", "Talk to a person"), optionLabels());

        text().sendKeys("what do I owe", Keys.ENTER);
        awaitBubbles(4);
        assertEquals("bot: " + VERIFY, lines().get(3));

        text().sendKeys("03/14/1985 Rivera");
        browser.driver().findElement(By.id("send")).click();
        awaitBubbles(11);
        assertEquals(concat(List.of("bot: " + GREETING, "bot: " + MENU,
                "patient: what do I owe", "bot: " + VERIFY, "patient: 03/14/1985 Rivera"),
                VERIFIED_BALANCE), lines());
        assertEquals(oneTo(11), seqs());
    }

    @Test
    void tappingAnOptionSendsItsLabelAsThePatientsMessage() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);

        option("Check my balance").click();

        awaitBubbles(4);
        assertEquals(List.of("bot: " + GREETING, "bot: " + MENU, "patient: Check my balance",
                "bot: " + VERIFY), lines());
        assertTrue(browser.driver().findElements(By.cssSelector("button.option")).stream()
                .noneMatch(WebElement::isEnabled), "the answered menu's buttons are disabled");
    }

    @Test
    void patientWhoPicksEspanolIsGreetedInSpanish() {
        browser.driver().findElement(By.id("lang-es")).click();

        awaitBubbles(2);
        assertEquals(List.of("bot: Hola, soy el asistente de facturación de Example Health. "
                + "Puedo ayudarle con su factura.", "bot: ¿Qué desea hacer?"), lines());
        assertEquals("es", browser.script("return document.documentElement.lang;"));
        assertEquals("Enviar", browser.driver().findElement(By.id("send")).getText());
    }

    @Test
    void typingAnotherLanguagesNameSwitchesThePagesOwnWordsToo() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);

        text().sendKeys("español", Keys.ENTER);
        awaitBubbles(5);

        browser.await("the page to follow the conversation into Spanish", d ->
                "es".equals(browser.script("return document.documentElement.lang;")));
        assertEquals("Enviar", browser.driver().findElement(By.id("send")).getText());
    }

    @Test
    void anArabicConversationIsLaidOutRightToLeftAndEachMessageFollowsItsOwnScript() {
        browser.driver().findElement(By.id("lang-ar")).click();
        awaitBubbles(2);

        text().sendKeys("1", Keys.ENTER);
        awaitBubbles(4);
        text().sendKeys("1985-03-14 Rivera", Keys.ENTER);
        awaitBubbles(7);

        assertEquals("ar rtl", browser.script("return document.documentElement.lang + ' ' "
                + "+ document.documentElement.dir;"));
        List<?> directions = (List<?>) browser.script("return Array.from(document.querySelectorAll("
                + "'#messages .msg .text')).slice(0, 6).map(e => getComputedStyle(e).direction);");
        assertEquals(List.of("rtl", "rtl", "ltr", "rtl", "ltr", "rtl"), directions);
        assertEquals(true, browser.script("const bot = document.querySelector('.msg-bot')"
                + ".getBoundingClientRect(); const patient = document.querySelector('.msg-patient')"
                + ".getBoundingClientRect(); return bot.right > patient.right;"));
    }

    @Test
    void droppedConnectionReconnectsAndShowsEveryMessageOnceInSeqOrder() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);
        text().sendKeys("what do I owe", Keys.ENTER);
        awaitBubbles(4);

        browser.script("window.parleyChat.dropConnection();");
        assertEquals("reconnecting", status().getDomAttribute("data-state"));
        awaitConnected();
        text().sendKeys("03/14/1985 Rivera", Keys.ENTER);

        awaitBubbles(11);
        assertEquals(concat(List.of("bot: " + GREETING, "bot: " + MENU,
                "patient: what do I owe", "bot: " + VERIFY, "patient: 03/14/1985 Rivera"),
                VERIFIED_BALANCE), lines());
        assertEquals(oneTo(11), seqs());
        assertEquals(stored(conversationId()), rows());
    }

    @Test
    void messageWhoseAckIsLostInADropIsShownAndStoredOnce() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);

        // Sent, then the socket is lost before the ack can arrive: the page must send it again.
        browser.script("""
                document.getElementById('text').value = 'what do I owe';
                document.getElementById('composer').requestSubmit();
                window.parleyChat.dropConnection();
                """);
        awaitConnected();

        awaitBubbles(4);
        assertEquals(List.of("bot: " + GREETING, "bot: " + MENU, "patient: what do I owe",
                "bot: " + VERIFY), lines());
        assertEquals(oneTo(4), seqs());
        assertEquals(stored(conversationId()), rows());
    }

    @Test
    void reloadResumesTheSameConversationAndShowsItsTranscriptOnce() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);
        option("Check my balance").click();
        awaitBubbles(4);
        List<List<String>> before = rows();
        String conversation = conversationId();

        browser.driver().navigate().refresh();

        awaitConnected();
        awaitBubbles(4);
        assertEquals(before, rows());
        assertEquals(conversation, conversationId());
        assertFalse(browser.driver().findElement(By.id("language")).isDisplayed(),
                "a resumed conversation does not ask for the language again");
        assertEquals(stored(conversation), rows());
    }

    @Test
    void htmlInAPatientsMessageIsShownAsText() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);

        text().sendKeys("<b>x</b>", Keys.ENTER);

        awaitBubbles(4);
        WebElement mine = browser.driver().findElement(By.cssSelector("li.msg-patient .text"));
        assertEquals("<b>x</b>", mine.getText());
        assertTrue(browser.driver().findElements(By.cssSelector("#messages b")).isEmpty(),
                "no <b> element was created from the patient's text");
    }

    @Test
    void theSecurePaymentLinkIsALinkThePatientCanOpenAndTheirOwnAddressIsNot() {
        browser.driver().findElement(By.id("lang-en")).click();
        awaitBubbles(2);

        text().sendKeys("I can pay $20 today, see https://evil.example.test/x", Keys.ENTER);
        awaitBubbles(4);
        text().sendKeys("03/14/1985 Rivera", Keys.ENTER);
        browser.await("the payment link", d -> !d.findElements(By.cssSelector(
                "li.msg-bot .text a.link")).isEmpty());

        WebElement link = browser.driver().findElement(By.cssSelector("li.msg-bot .text a.link"));
        assertTrue(link.getAttribute("href").startsWith("http://localhost:"
                + parley.parley().port() + "/pay/ey"), link.getAttribute("href"));
        assertEquals(link.getAttribute("href"), link.getText());
        assertEquals("noopener noreferrer", link.getAttribute("rel"));
        assertTrue(browser.driver().findElements(By.cssSelector("li.msg-patient a")).isEmpty(),
                "a patient's own text never becomes a link");
    }

    // ---- reading the page ----------------------------------------------------------------------

    private static WebElement text() {
        return browser.driver().findElement(By.id("text"));
    }

    private static WebElement status() {
        return browser.driver().findElement(By.id("status"));
    }

    private static WebElement option(String label) {
        return browser.driver().findElements(By.cssSelector("button.option")).stream()
                .filter(b -> b.getText().equals(label) && b.isEnabled())
                .findFirst().orElseThrow(() -> new AssertionError("No enabled option '" + label
                        + "'; bubbles: " + lines()));
    }

    private static List<String> optionLabels() {
        return browser.driver().findElements(By.cssSelector("button.option")).stream()
                .map(WebElement::getText).toList();
    }

    private static void awaitConnected() {
        browser.await("the status to read Connected", d -> "Connected".equals(status().getText()));
    }

    /** Waits until at least {@code count} bubbles are on screen and none is still sending. */
    private static void awaitBubbles(int count) {
        browser.await(count + " bubbles with none still sending", d -> {
            List<List<String>> rows = rows();
            return rows.size() >= count && rows.stream().noneMatch(r -> r.get(0).isEmpty());
        });
    }

    private static List<List<String>> rows() {
        return browser.script(READ_BUBBLES);
    }

    private static List<String> lines() {
        return rows().stream().map(r -> r.get(1) + ": " + r.get(2)).toList();
    }

    private static List<Long> seqs() {
        return rows().stream().map(r -> Long.parseLong(r.get(0))).toList();
    }

    private static String conversationId() {
        return browser.script("return JSON.parse(sessionStorage.getItem('parley.chat'))"
                + ".conversationId;");
    }

    /** The server's stored transcript, in the same shape as {@link #rows()}. */
    private static List<List<String>> stored(String conversationId) {
        List<Message> messages = parley.parley().services().conversations()
                .messages(conversationId);
        return messages.stream()
                .map(m -> List.of(String.valueOf(m.seq()), m.from(), m.text())).toList();
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
