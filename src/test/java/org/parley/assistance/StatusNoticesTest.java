package org.parley.assistance;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How changes reach the patient: by text only within contact hours (8 a.m. to 9 p.m. in every
 * continental zone when the patient's own is not known), only the latest of several waiting
 * changes, never when the client turned notices off, and never to a patient who has not proved
 * who they are in a conversation.
 */
class StatusNoticesTest extends SmsCase {

    /** 10 a.m. in New York, 7 a.m. in Los Angeles: too early to text a patient of unknown zone. */
    static final TestClock CLOCK = new TestClock(TestParley.NOW);

    @BeforeAll
    static void start() {
        startSms(CLOCK);
    }

    private static Assistance assistance() {
        return parley.parley().services().assistance();
    }

    private static ConversationService conversations() {
        return parley.parley().services().conversations();
    }

    private static StatusUpdate to(String status) {
        return new StatusUpdate(ApplicationStatus.of(status).orElseThrow(), List.of(),
                Optional.empty(), Optional.empty());
    }

    private static List<String> notices(String id) {
        return assistance().notices().of("example-health", id).stream()
                .map((Document d) -> d.getInteger("index") + " " + d.getString("state") + " "
                        + d.getString("why")).toList();
    }

    /** The patient texts and proves who they are, so that a verified SMS conversation exists. */
    private static void verifyBySms(SmsPhone phone, String identity) {
        phone.text("balance");
        phone.next();
        phone.text(identity);
        phone.next();
    }

    @Test
    void aTextWaitsForContactHoursAndOnlyTheLatestOfSeveralChangesIsSaid() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");
        verifyBySms(phone, "03/14/1985 Rivera");
        String conversation = conversations().latestVerified("example-health", "EH100234")
                .orElseThrow().id();
        long before = conversations().lastSeq(conversation);
        String id = AssistanceFixture.open(parley, "EH100234");

        assistance().move("example-health", id, to("received"));
        assistance().move("example-health", id, to("under_review"));
        int early = assistance().catchUp();
        long stillBefore = conversations().lastSeq(conversation);
        CLOCK.advance(Duration.ofHours(2));
        int later = assistance().catchUp();

        assertEquals(List.of(0, before), List.of(early, stillBefore));
        assertEquals(1, later);
        phone.reply("Your application " + id + " has been under review since December 4, 2026. "
                + "Next: Example Health will tell you the decision here.");
        assertEquals(List.of("1 skipped superseded", "2 sent "), notices(id));
        assertEquals(0, assistance().catchUp());
    }

    @Test
    void aClientThatTurnedNoticesOffSaysNothing() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550182");
        verifyBySms(phone, "07/04/1967 Patel");
        AssistanceSettings demo = assistance().applications().settings().get("example-health");
        String id = AssistanceFixture.open(parley, "EH100702");
        assistance().applications().settings().save("example-health", new AssistanceSettings(
                demo.programs(), false, true, demo.defaultRegion()));
        try {
            assistance().move("example-health", id, to("received"));
        } finally {
            assistance().applications().settings().save("example-health", demo);
        }

        assertEquals(List.of("1 skipped notices_off"), notices(id));
    }

    @Test
    void aPatientWhoNeverProvedWhoTheyAreIsNotTold() {
        String id = AssistanceFixture.open(parley, "EH100845");

        assistance().move("example-health", id, to("received"));

        assertEquals(List.of("1 skipped no_verified_conversation"), notices(id));
        assertEquals(ApplicationStatus.RECEIVED, assistance().applications()
                .require("example-health", id).status());
    }
}
