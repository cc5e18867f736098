package org.parley.payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long a payment link lasts, as the patient is told: whole minutes, rounded up. */
class PayLinkLifetimeTest {

    @ParameterizedTest(name = "{0} is said as {1} minutes")
    @CsvSource({"PT20S, 1", "PT1M, 1", "PT90S, 2", "PT30M, 30", "PT29M1S, 30", "PT2H, 120"})
    void aLifetimeIsSaidInWholeMinutesRoundedUp(String ttl, long minutes) {
        assertEquals(minutes, PayNowAction.minutes(Duration.parse(ttl)));
    }

    @Test
    void aLinkOfTwentySecondsIsSaidToExpireInOneMinuteNotZero(@TempDir Path data) {
        try (TestParley parley = TestParley.start(data,
                Map.of("PARLEY_PAYMENTS_LINK_TTL", "PT20S"));
             ChatClient chat = VerifiedChat.open(parley, "en", "what do I owe?",
                     "EH100234 30301")) {
            chat.say("pay $45");

            String text = chat.nextMessage().get("text").asText();
            assertEquals("Here is your secure payment link for $45.00: {link} It works once and "
                    + "expires in 1 minute.", text.replace(Links.in(text), "{link}"));
        }
    }
}
