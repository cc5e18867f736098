package org.parley.channel.webchat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chat socket the patient closed before their reply is a normal end, told apart from a
 * failure of ours so that it is not logged as one.
 */
class ChatSocketClosedTest {

    @Test
    void aWriteToASocketThePatientClosedIsAClosedSocket() {
        assertTrue(ChatSocket.closed(new UncheckedIOException("write",
                new SocketException("Broken pipe"))));
        assertTrue(ChatSocket.closed(new IllegalStateException("send",
                new IOException("Socket closed"))));
    }

    @Test
    void aFailureOfOursIsNotAClosedSocket() {
        assertFalse(ChatSocket.closed(new IllegalStateException("a bug")));
        assertFalse(ChatSocket.closed(new NullPointerException()));
    }
}
