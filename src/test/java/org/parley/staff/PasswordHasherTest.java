package org.parley.staff;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argon2id hashes of staff passwords, in the PHC string format. */
class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final PasswordHasher DEFAULT = new PasswordHasher(
            PasswordHasher.Params.DEFAULT, new SecureRandom());
    // Cheap parameters for the tests that do not depend on the cost.
    private static final PasswordHasher CHEAP = new PasswordHasher(
            new PasswordHasher.Params(64, 1, 1), new SecureRandom());

    @Test
    void aHashVerifiesThePasswordItWasMadeFrom() {
        String hash = DEFAULT.hash(PASSWORD);

        assertTrue(DEFAULT.verify(PASSWORD, hash));
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String hash = DEFAULT.hash(PASSWORD);

        assertFalse(DEFAULT.verify("correct horse battery stapler", hash));
        assertFalse(DEFAULT.verify("Correct horse battery staple", hash));
        assertFalse(DEFAULT.verify("", hash));
    }

    @Test
    void twoHashesOfOnePasswordDifferBecauseEachHasItsOwnSalt() {
        String first = CHEAP.hash(PASSWORD);
        String second = CHEAP.hash(PASSWORD);

        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[4], second.split("\\$")[4]);
        assertTrue(CHEAP.verify(PASSWORD, first));
        assertTrue(CHEAP.verify(PASSWORD, second));
    }

    @Test
    void theHashIsArgon2idInPhcFormatWithItsParameters() {
        String hash = DEFAULT.hash(PASSWORD);

        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}"
                + "\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void theParametersAreReadBackFromTheStoredHash() {
        String hash = new PasswordHasher(new PasswordHasher.Params(256, 3, 2), new SecureRandom())
                .hash(PASSWORD);

        assertEquals(Optional.of(new PasswordHasher.Params(256, 3, 2)),
                PasswordHasher.paramsOf(hash));
    }

    @Test
    void aHashMadeWithOlderParametersStillVerifiesAndIsMarkedOutdated() {
        String old = CHEAP.hash(PASSWORD);

        assertTrue(DEFAULT.verify(PASSWORD, old));
        assertTrue(DEFAULT.outdated(old));
        assertFalse(CHEAP.outdated(old));
    }

    @Test
    void aStoredValueThatIsNotAnArgon2idHashVerifiesNothing() {
        assertFalse(DEFAULT.verify(PASSWORD, PASSWORD));
        assertFalse(DEFAULT.verify(PASSWORD, ""));
        assertFalse(DEFAULT.verify(PASSWORD, null));
        assertFalse(DEFAULT.verify(PASSWORD, "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$"
                + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"));
        assertEquals(Optional.empty(), PasswordHasher.paramsOf("$2a$10$notargon"));
    }

    @Test
    void aTamperedHashAskingForHugeCostIsRefusedWithoutHashing() {
        String hash = CHEAP.hash(PASSWORD).replace("m=64,", "m=9999999,");

        assertFalse(DEFAULT.verify(PASSWORD, hash));
        assertThrows(IllegalArgumentException.class,
                () -> new PasswordHasher.Params(2_000_000, 1, 1));
    }
}
