package org.parley.channel.sms;

import java.time.Instant;

/**
 * One message as a phone sees it, for the development outbox page: what the patient sent, or
 * what Parley sent them and how far it got.
 *
 * @param from     {@code patient}, {@code bot} or {@code agent}
 * @param text     for an outbound message, the text as sent, with typography made plain
 * @param status   {@code received} for the patient's own messages, else the delivery status
 * @param segments how many SMS segments the text takes in {@code encoding}
 */
public record PhoneMessage(String conversationId, long seq, String from, String text,
                           String status, SmsEncoding encoding, int segments, Instant at) {
}
