package org.parley.channel.email;

import java.util.List;
import java.util.Optional;

/**
 * One inbound message, read: who wrote it to whom, its threading headers, the visible reply,
 * what kind of mail it is, and its attachments.
 *
 * @param from       the sender's address, in lower case
 * @param recipients every address it was sent to (To, Cc, Delivered-To, X-Original-To), in
 *                   lower case
 * @param messageId  its Message-ID without angle brackets; a digest of the raw bytes when the
 *                   message has none
 * @param threadIds  the ids of In-Reply-To and References, without angle brackets, newest first
 * @param text       the visible reply: quoted history and signature taken out; the subject when
 *                   the body has nothing; may be empty for an attachment alone
 * @param kind       what it is, for whether it may be answered
 * @param bounce     for a bounce, what it says failed
 */
record ParsedMail(String from, List<String> recipients, String subject, String messageId,
                  List<String> threadIds, String text, Kind kind, Optional<Bounce> bounce,
                  List<Attachment> attachments) {

    ParsedMail {
        recipients = List.copyOf(recipients);
        threadIds = List.copyOf(threadIds);
        attachments = List.copyOf(attachments);
    }

    /** What sort of mail a message is. */
    enum Kind {
        /** A person writing: answered. */
        PERSONAL,
        /** An automatic reply, such as out-of-office (RFC 3834, vendor headers). */
        AUTO_REPLY,
        /** Mailing-list or bulk mail. */
        BULK,
        /** A delivery-status report or other bounce. */
        BOUNCE
    }

    /**
     * What a bounce reports.
     *
     * @param originalIds the Message-IDs of the failed message found in the report
     * @param recipients  the addresses that failed, in lower case
     * @param status      the enhanced status code, such as {@code 5.1.1}, when given
     * @param permanent   false for a delay or a temporary failure, which changes nothing
     */
    record Bounce(List<String> originalIds, List<String> recipients, Optional<String> status,
                  boolean permanent) {
        Bounce {
            originalIds = List.copyOf(originalIds);
            recipients = List.copyOf(recipients);
        }
    }

    /** A file that came with the message, as sent. */
    record Attachment(String fileName, String declaredType, byte[] content) {
    }
}
