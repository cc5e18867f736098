package org.parley.compliance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.EmailPatient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.MailServer;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestParley;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every log record Parley writes at any level, Parley's own and its libraries', while patients
 * verify, read a balance and type a card number over web chat, SMS and email, carries none of what
 * they typed or were told: no card number, phone number, birth date, name or balance.
 */
class NothingPersonalIsLoggedTest {

    private static final List<String> PERSONAL = List.of("4111111111111111",
            "4111 1111 1111 1111", "1111 1111", "+14045550123", "4045550123", "03/14/1985",
            "1985-03-14", "Rivera", "1,234.50", "1234.50", "EH100234", "alex.rivera@example.test");

    @TempDir
    Path data;
    FakeTwilio twilio;
    MailServer mail;
    TestParley parley;
    final List<String> lines = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder(r.getLoggerName() + " " + r.getMessage());
            if (r.getParameters() != null) {
                line.append(' ').append(MessageFormat.format(String.valueOf(r.getMessage()),
                        r.getParameters()));
            }
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            synchronized (lines) {
                lines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Level before;

    @BeforeEach
    void start() {
        Logger root = Logger.getLogger("org.parley");
        before = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        twilio = FakeTwilio.start();
        mail = MailServer.start();
        java.util.Map<String, String> env = new java.util.HashMap<>(SmsPhone.env(twilio));
        env.putAll(mail.env());
        parley = TestParley.start(data, env);
    }

    @AfterEach
    void stop() {
        parley.close();
        twilio.close();
        mail.close();
        Logger root = Logger.getLogger("org.parley");
        root.removeHandler(capture);
        root.setLevel(before);
    }

    @Test
    void aWholeConversationOnEachChannelLeavesNothingPersonalInTheLog() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");
        phone.text("What do I owe?");
        phone.next();
        phone.text("03/14/1985 Rivera");
        phone.next();
        phone.text("my card is 4111 1111 1111 1111");
        phone.next();
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("what do I owe? 3/14/85 rivera");
            chat.nextMessage();
            chat.say("4111111111111111");
            chat.nextMessage();
        }
        EmailPatient alex = new EmailPatient(parley, mail, "alex.rivera@example.test",
                java.time.Clock.fixed(TestParley.NOW, java.time.ZoneOffset.UTC));
        alex.write("My bill", "What do I owe?");
        alex.next();
        alex.reply("03/14/1985 Rivera");
        alex.next();
        alex.reply("my card is 4111 1111 1111 1111");
        alex.next();

        List<String> leaks = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                PERSONAL.stream().filter(line::contains)
                        .forEach(p -> leaks.add(p + " in: " + line));
            }
            assertEquals(true, lines.size() > 5, "Parley's log was not captured: " + lines);
        }
        assertEquals(List.of(), leaks);
    }
}
