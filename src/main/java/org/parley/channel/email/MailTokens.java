package org.parley.channel.email;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed tokens naming a conversation: in the reply address ({@code billing+r…@client.test}),
 * so a reply whose threading headers were lost still finds its conversation, and in the
 * one-click unsubscribe link. A token is the conversation's UUID and an HMAC-SHA256 tag over it
 * and its purpose, in lower-case base32, because mail systems may change the case of an address.
 */
final class MailTokens {

    /** What a token is for; a token made for one is refused for the other. */
    enum Purpose {
        REPLY('r'), UNSUBSCRIBE('u');

        private final char prefix;

        Purpose(char prefix) {
            this.prefix = prefix;
        }
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int TAG_BYTES = 10;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    MailTokens(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The token for {@code conversationId}, a UUID. */
    String token(Purpose purpose, String conversationId) {
        byte[] id = uuid(UUID.fromString(conversationId));
        return purpose.prefix + base32(id) + base32(tag(purpose, id));
    }

    /** The conversation a token names, if it is one of ours for {@code purpose}. */
    Optional<String> conversation(Purpose purpose, String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        // 16 id bytes and 10 tag bytes are 26 and 16 base32 characters.
        if (t.length() != 1 + 26 + 16 || t.charAt(0) != purpose.prefix) {
            return Optional.empty();
        }
        Optional<byte[]> id = unbase32(t.substring(1, 27), 16);
        Optional<byte[]> tag = unbase32(t.substring(27), TAG_BYTES);
        if (id.isEmpty() || tag.isEmpty()
                || !MessageDigest.isEqual(tag(purpose, id.get()), tag.get())) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(id.get());
        return Optional.of(new UUID(b.getLong(), b.getLong()).toString());
    }

    /**
     * The reply-to address for a conversation: the client's address with the token as its
     * subaddress, as in {@code billing+r…@example-health.test}.
     */
    String replyAddress(String clientAddress, String conversationId) {
        int at = clientAddress.indexOf('@');
        return clientAddress.substring(0, at) + "+" + token(Purpose.REPLY, conversationId)
                + clientAddress.substring(at);
    }

    /** The subaddress of {@code address}: what follows the first {@code +} before the @. */
    static Optional<String> subaddress(String address) {
        int at = address.indexOf('@');
        int plus = address.indexOf('+');
        return plus > 0 && at > plus ? Optional.of(address.substring(plus + 1, at))
                : Optional.empty();
    }

    /** The address without its subaddress. */
    static String base(String address) {
        int at = address.indexOf('@');
        int plus = address.indexOf('+');
        return plus > 0 && at > plus ? address.substring(0, plus) + address.substring(at)
                : address;
    }

    private byte[] tag(Purpose purpose, byte[] id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((byte) purpose.prefix);
            return Arrays.copyOf(mac.doFinal(id), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        }
    }

    private static byte[] uuid(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static Optional<byte[]> unbase32(String text, int length) {
        byte[] out = new byte[length];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : text.toCharArray()) {
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                if (n == length) {
                    return Optional.empty();
                }
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return n == length ? Optional.of(out) : Optional.empty();
    }

    static byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
