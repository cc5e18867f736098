package org.parley.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The files patients sent in a conversation (assistance documents by email), as the agent
 * console lists and downloads them. The channel that keeps the files implements it.
 */
public interface ConversationFiles {

    /** No files anywhere: for a deployment whose channels take none. */
    ConversationFiles NONE = new ConversationFiles() {
        @Override
        public List<File> list(String conversationId) {
            return List.of();
        }

        @Override
        public Optional<Content> content(String conversationId, String fileId) {
            return Optional.empty();
        }
    };

    /** One file, without its bytes. */
    record File(String id, String fileName, String contentType, long size,
                Instant receivedAt) {
    }

    /** A file's bytes, with the type they were checked to be. */
    record Content(String contentType, byte[] bytes) {
    }

    /** The conversation's files, oldest first. */
    List<File> list(String conversationId);

    /** The bytes of the conversation's file {@code fileId}; empty when it has no such file. */
    Optional<Content> content(String conversationId, String fileId);
}
