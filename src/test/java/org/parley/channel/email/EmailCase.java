package org.parley.channel.email;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.MailServer;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.Map;

/**
 * What email tests share: one Parley per test class beside an in-process mail server, started by
 * the class's own {@code @BeforeAll} with {@link #startEmail} and closed after the class.
 */
abstract class EmailCase {

    @TempDir
    static Path data;
    static EmailFixture email;
    static MailServer mail;
    static TestParley parley;

    /** Starts the class's Parley with {@code env} over the mail server's settings. */
    static void startEmail(Map<String, String> env) {
        email = EmailFixture.start(data, env);
        mail = email.mail;
        parley = email.parley;
    }

    @AfterAll
    static void stopEmail() {
        email.close();
    }
}
