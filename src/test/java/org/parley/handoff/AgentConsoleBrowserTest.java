package org.parley.handoff;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.parley.staff.DemoStaff;
import org.parley.testing.BrowserCase;
import org.parley.testing.ChatClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The agent console in a real headless Chromium: the demo agent signs in, claims a waiting web
 * chat patient, replies, and sees what the patient writes, markup and all, as literal text.
 * With {@code -Dparley.screenshots=docs} it also saves {@code docs/agent-console.png}.
 */
class AgentConsoleBrowserTest extends BrowserCase {

    private static final String MARKUP = "<img src=x onerror=\"window.pwned=1\"><b>Is this "
            + "bold?</b> & \"quoted\"";

    @BeforeEach
    void openAgentPage() {
        browser.driver().manage().deleteAllCookies();
        browser.driver().manage().window().setSize(new Dimension(1500, 1500));
        browser.freshPage(parley.http("/agent"));
    }

    @Test
    void theDemoAgentClaimsRepliesAndSeesAPatientsMarkupAsLiteralText() throws IOException {
        DemoStaff.Login agent = parley.parley().demoStaff().stream()
                .filter(l -> l.roles().contains("agent")).findFirst().orElseThrow();
        signIn(agent.email(), agent.password());

        try (ChatClient other = Waiting.patient(parley, "es"); ChatClient chat = verifiedAlex()) {
            String id = chat.conversationId();
            chat.say("I'd like to talk to a person about my MRI");
            chat.nextMessage();
            chat.nextMessage();
            Waiting.held(chat, "I was charged twice for my MRI");
            WebElement claim = browser.await("the patient in the queue", d -> d.findElements(
                    By.cssSelector("#queue li[data-conversation-id='" + id + "'] button.claim"))
                    .stream().findFirst().orElse(null));
            claim.click();
            browser.await("the claimed conversation", d -> transcript(d).contains(
                    "Patient I was charged twice for my MRI"));
            WebDriver page = browser.driver();
            assertEquals("Alex Rivera", fact(page, "Name"));
            assertEquals("$1,234.50", fact(page, "Balance"));
            assertEquals("No application.", page.findElement(By.id("assistance")).getText());

            new Select(page.findElement(By.id("canned"))).selectByVisibleText("Greeting");
            page.findElement(By.id("send-reply")).click();
            assertEquals("agent: Hi, this is the Example Health billing team. I have your "
                    + "conversation in front of me. How can I help?", said(chat));

            page.findElement(By.id("note-text")).sendKeys("Two MRI charges on 10/15; asked "
                    + "Northside Imaging for the claim.");
            page.findElement(By.id("add-note")).click();
            browser.await("the note", d -> d.findElement(By.id("notes")).getText()
                    .contains("Sam Agent: Two MRI charges"));

            Waiting.held(chat, MARKUP);
            browser.await("the patient's markup", d -> transcript(d).contains("Patient " + MARKUP));
            assertEquals(MARKUP, browser.script("const bodies = document.querySelectorAll("
                    + "'#transcript .msg-patient .body'); return bodies[bodies.length - 1]"
                    + ".textContent"));
            assertEquals(0L, (Long) browser.script(
                    "return document.querySelectorAll('#transcript img, #transcript b').length"));
            assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"));

            screenshot(page);
        }
    }

    @Test
    void theAgentSeesAnEmailedDocumentAndDownloadsItFromTheConsole() {
        DemoStaff.Login agent = parley.parley().demoStaff().stream()
                .filter(l -> l.roles().contains("agent")).findFirst().orElseThrow();
        signIn(agent.email(), agent.password());
        String pdf = "%PDF-1.4\n%%EOF\n";
        String raw = "From: Patient <files.browser@example.test>\r\n"
                + "To: billing@example-health.test\r\nSubject: Documents\r\n"
                + "Message-ID: <files-browser-1@example.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                + "--m\r\nContent-Type: text/plain\r\n\r\nHere are my documents\r\n"
                + "--m\r\nContent-Type: application/pdf; name=\"paystub.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"paystub.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getEncoder().encodeToString(pdf.getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII)) + "\r\n--m--\r\n";

        var taken = parley.send(java.net.http.HttpRequest.newBuilder(
                        parley.http("/dev/mail/inbound")).header("Content-Type", "message/rfc822")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(raw)).build());
        String id = taken.body().replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
        browser.await("the emailed patient in the queue", d -> d.findElements(
                By.cssSelector("#queue li[data-conversation-id='" + id + "'] button.claim"))
                .stream().findFirst().orElse(null)).click();

        WebElement file = browser.await("the file in the context", d -> d.findElements(
                By.cssSelector("#files a")).stream().findFirst().orElse(null));
        assertEquals("paystub.pdf", file.getText());
        assertEquals("200 " + pdf, browser.script("const request = new XMLHttpRequest();"
                + "request.open('GET', arguments[0], false); request.send();"
                + "return request.status + ' ' + request.responseText;",
                file.getAttribute("href")));

        // Closed, so that the agent holds nothing the next test would see.
        browser.driver().findElement(By.id("close")).click();
        browser.await("the conversation closed", d -> d.findElements(By.cssSelector(
                "#mine li[data-conversation-id='" + id + "']")).isEmpty());
    }

    /** Alex Rivera, verified, told his balance and asked what else. */
    private static ChatClient verifiedAlex() {
        ChatClient chat = Waiting.started(parley, "en");
        chat.say("what do I owe?");
        chat.nextMessage();
        chat.say("03/14/1985 Rivera");
        while (!chat.nextMessage().get("text").asText().startsWith("Is there anything else")) {
            // the confirmation, the balance, each visit and the last payment
        }
        return chat;
    }

    private static String fact(WebDriver page, String term) {
        List<WebElement> cells = page.findElements(By.cssSelector("#facts dt, #facts dd"));
        for (int i = 0; i + 1 < cells.size(); i += 2) {
            if (cells.get(i).getText().equals(term)) {
                return cells.get(i + 1).getText();
            }
        }
        throw new AssertionError("no fact " + term);
    }

    private static String said(ChatClient chat) {
        var m = chat.nextMessage();
        return m.get("from").asText() + ": " + m.get("text").asText();
    }

    @SuppressWarnings("unchecked")
    private static String transcript(WebDriver page) {
        List<String> lines = (List<String>) browser.script("return Array.from(document"
                + ".querySelectorAll('#transcript li')).map(li => li.querySelector('.who')"
                + ".textContent + ' ' + li.querySelector('.body').textContent)");
        return String.join("\n", lines);
    }

    private static void screenshot(WebDriver page) throws IOException {
        String dir = System.getProperty("parley.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path file = Path.of(dir).resolve("agent-console.png");
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));
    }

    private static void signIn(String email, String password) {
        WebDriver page = browser.driver();
        browser.await("the sign-in form", d -> d.findElements(By.id("signin")).size() == 1);
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("sign-in")).click();
        browser.await("the agent desk", d -> d.findElements(By.id("desk")).size() == 1);
    }
}
