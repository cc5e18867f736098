package org.parley.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What tests by text share when one Parley serves a whole test class: a fake Twilio and a Parley
 * on the class's own clock, started by the class's {@code @BeforeAll} with {@link #startSms}
 * and both closed after the class.
 */
public abstract class SmsCase {

    @TempDir
    protected static Path data;
    protected static FakeTwilio twilio;
    protected static TestParley parley;

    /** Starts a fake Twilio and a Parley on {@code clock} that texts through it. */
    protected static void startSms(Clock clock) {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), clock);
    }

    /** Starts a fake Twilio and a Parley that texts through it, on TestParley's fixed clock. */
    protected static void startSms() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio));
    }

    @AfterAll
    static void stopSms() {
        parley.close();
        twilio.close();
    }
}
