package org.parley.staff;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.Arrays;

import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes (Bouncy Castle's {@link Argon2BytesGenerator}) in the PHC string
 * format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}: each hash carries its own
 * random salt and the parameters it was made with, so the parameters can be raised later and
 * older hashes still verify (and are made again at the member's next sign-in).
 */
public final class PasswordHasher {

    /**
     * Argon2id cost: memory in KiB, passes over it, and lanes.
     *
     * @param memoryKib   memory used per hash, in KiB
     * @param iterations  passes over that memory
     * @param parallelism lanes
     */
    public record Params(int memoryKib, int iterations, int parallelism) {

        /** OWASP's first recommendation for Argon2id: 19 MiB, two passes, one lane. */
        public static final Params DEFAULT = new Params(19_456, 2, 1);

        public Params {
            // Bounds also keep a tampered stored hash from asking for unbounded work.
            if (parallelism < 1 || parallelism > 16 || iterations < 1 || iterations > 100
                    || memoryKib < 8 * parallelism || memoryKib > 1_048_576) {
                throw new IllegalArgumentException("Argon2 parameters out of range: m="
                        + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism);
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})"
                    + "\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getDecoder();

    private final Params params;
    private final RandomGenerator random;

    public PasswordHasher(Params params, RandomGenerator random) {
        this.params = params;
        this.random = random;
    }

    /** The parameters new hashes are made with. */
    public Params params() {
        return params;
    }

    /** A new hash of {@code password} with a fresh random salt and the current parameters. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations()
                + ",p=" + params.parallelism() + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /**
     * True when {@code password} is the one {@code stored} was made from. The comparison takes
     * the same time wherever the bytes differ; a stored value that is not an Argon2id hash
     * verifies nothing.
     */
    public boolean verify(String password, String stored) {
        Optional<Parsed> parsed = parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        return Arrays.constantTimeAreEqual(p.hash(),
                argon2(password, p.salt(), p.params(), p.hash().length));
    }

    /** The parameters {@code stored} was made with, or empty when it is not an Argon2id hash. */
    public static Optional<Params> paramsOf(String stored) {
        return parse(stored).map(Parsed::params);
    }

    /** True when {@code stored} was made with other parameters than the current ones. */
    public boolean outdated(String stored) {
        return !paramsOf(stored).map(params::equals).orElse(false);
    }

    private static byte[] argon2(String password, byte[] salt, Params params, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(params.memoryKib())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.toCharArray(), out);
        return out;
    }

    private record Parsed(Params params, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String stored) {
        Matcher m = PHC.matcher(stored == null ? "" : stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Params params = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return Optional.of(new Parsed(params, B64_IN.decode(m.group(4)),
                    B64_IN.decode(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
