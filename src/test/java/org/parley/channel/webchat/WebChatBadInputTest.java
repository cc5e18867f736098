package org.parley.channel.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Frames a patient's page (or anyone) may send wrongly: each gets a clear error, nothing stored. */
class WebChatBadInputTest {

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, java.util.Map.of("PARLEY_CHAT_MAX_FRAME_BYTES", "4096"));
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aFrameThatIsNotJsonGetsAMalformedFrameErrorAndTheSocketStaysUsable() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.sendRaw("this is not json {");
            JsonNode error = chat.next("error");

            assertEquals("malformed_frame", error.get("code").asText());
            assertEquals("A frame must be a JSON object such as {\"type\":\"message\",\"id\":\"…\","
                    + "\"text\":\"…\"}", error.get("message").asText());
            assertEquals(3, chat.say("after-error", "check my balance"));
            chat.nextMessage();
            assertEquals(4, stored(chat));
        }
    }

    @Test
    void controlCharactersInAMessageAreDroppedBeforeItIsStored() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.sendRaw("{\"type\":\"message\",\"id\":\"nul\",\"text\":"
                    + "\"check my\\u0000 balance\\u0007\\r\\nplease\"}");
            chat.next("ack");

            assertEquals("check my balance\nplease", parley.parley().services().conversations()
                    .messages(chat.conversationId()).get(2).text());
        }
    }

    @Test
    void aMessageThatIsOnlyControlCharactersIsRefusedAsEmpty() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.sendRaw("{\"type\":\"message\",\"id\":\"nul\",\"text\":\"\\u0000\\u0000\"}");
            JsonNode error = chat.next("error");

            assertEquals("empty_message", error.get("code").asText());
            assertEquals(2, stored(chat));
        }
    }

    @Test
    void aMessageFrameWithoutAnIdIsRefusedAndNothingIsStored() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.sendRaw("{\"type\":\"message\",\"text\":\"hello\"}");
            JsonNode error = chat.next("error");

            assertEquals("malformed_frame", error.get("code").asText());
            assertEquals(2, stored(chat));
        }
    }

    @Test
    void anOversizedFrameIsRefusedWhole() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.sendRaw("{\"type\":\"message\",\"id\":\"big\",\"text\":\"" + "x".repeat(5000) + "\"}");
            JsonNode error = chat.next("error");

            assertEquals("frame_too_large", error.get("code").asText());
            assertEquals("A frame may be at most 4096 bytes; send a shorter message",
                    error.get("message").asText());
            assertEquals(2, stored(chat));
        }
    }

    @Test
    void aMessageLongerThanTheLimitIsRefusedNamingItsId() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.sendRaw("{\"type\":\"message\",\"id\":\"long-1\",\"text\":\"" + "y".repeat(2001) + "\"}");
            JsonNode error = chat.next("error");

            assertEquals("message_too_long long-1", error.get("code").asText() + " "
                    + error.get("id").asText());
            assertEquals(2, stored(chat));
        }
    }

    @Test
    void aMessageBeforeStartIsRefused() {
        try (ChatClient chat = parley.chat()) {
            chat.sendRaw("{\"type\":\"message\",\"id\":\"a\",\"text\":\"hi\"}");

            assertEquals("not_started", chat.next("error").get("code").asText());
        }
    }

    @Test
    void startingForAnUnknownClientOrLanguageIsRefused() {
        try (ChatClient chat = parley.chat()) {
            chat.sendRaw("{\"type\":\"start\",\"locale\":\"en\",\"client\":\"no-such-clinic\"}");
            JsonNode unknownClient = chat.next("error");
            chat.sendRaw("{\"type\":\"start\",\"locale\":\"xx\"}");
            JsonNode unknownLocale = chat.next("error");

            assertEquals("unknown_client: No client 'no-such-clinic' exists; check the client id "
                    + "in the URL", unknownClient.get("code").asText() + ": "
                    + unknownClient.get("message").asText());
            assertEquals("unsupported_locale: Locale 'xx' is not one Parley speaks; use one of "
                    + "[ar, en, es, ko, ru, tl, vi, zh]", unknownLocale.get("code").asText() + ": "
                    + unknownLocale.get("message").asText());
        }
    }

    @Test
    void resumingPastTheEndOfTheConversationStillDeliversWhatComesNext() {
        String id;
        String token;
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            id = chat.conversationId();
            token = chat.resumeToken();
        }
        try (ChatClient stale = parley.chat()) {
            stale.sendRaw("{\"type\":\"resume\",\"conversationId\":\"" + id
                    + "\",\"resumeToken\":\"" + token + "\",\"lastSeq\":50}");
            stale.next("resumed");

            stale.sendRaw("{\"type\":\"message\",\"id\":\"after-stale\",\"text\":\"help\"}");

            assertEquals(3, stale.next("ack").get("seq").asLong());
            assertEquals("3 patient", seqFrom(stale.next("message")));
            assertEquals("4 bot", seqFrom(stale.next("message")));
        }
    }

    private static String seqFrom(JsonNode message) {
        return message.get("seq").asLong() + " " + message.get("from").asText();
    }

    @Test
    void resumingWithAWrongTokenIsRefusedAndRevealsNothing() {
        String id;
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            id = chat.conversationId();
        }
        try (ChatClient other = parley.chat()) {
            other.sendRaw("{\"type\":\"resume\",\"conversationId\":\"" + id
                    + "\",\"resumeToken\":\"guess\",\"lastSeq\":0}");
            JsonNode error = other.next("error");

            assertEquals("resume_failed", error.get("code").asText());
            assertEquals(true, other.quiet());
        }
    }

    private static int stored(ChatClient chat) {
        return parley.parley().services().conversations().messages(chat.conversationId()).size();
    }
}
