package org.parley.payments;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bson.Document;
import org.parley.BadInputException;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Issues and redeems signed, expiring, single-use payment links. A link is the client's payment
 * page URL with a compact HS256 token in place of {@code {token}}; the token carries the client,
 * account, amount (as a string, never a binary fraction) and conversation, an expiry and a
 * unique id. Redeeming records the id in {@code payment_links_used}, whose unique {@code _id}
 * makes the store, not this process, the judge of single use.
 *
 * <p>The token is signed, not encrypted: whoever holds the link can read the account number and
 * the amount in it.
 */
public final class PaymentLinks {

    /** What {@code {token}} in a client's URL template is replaced by. */
    public static final String TOKEN_PLACEHOLDER = "{token}";

    private static final String ISSUER = "parley";

    private final MongoCollection<Document> used;
    private final Clock clock;
    private final RandomGenerator random;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final UrlTemplates templates;

    /** Where each client's payment page is: a URL with {@value #TOKEN_PLACEHOLDER} in it. */
    @FunctionalInterface
    public interface UrlTemplates {
        Optional<String> forClient(String clientId);
    }

    /**
     * @param key at least 32 bytes; kept only inside the signer and verifier
     */
    public PaymentLinks(MongoDatabase db, Clock clock, RandomGenerator random, byte[] key,
                        Duration ttl, UrlTemplates templates) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A payment link's lifetime must be positive, was "
                    + ttl + "; set payments.link-ttl to a duration such as PT30M");
        }
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            // The message names the length only, never the key.
            throw new IllegalArgumentException("The payment link key must be at least 32 bytes, "
                    + "was " + key.length + "; set PARLEY_PAYMENT_LINK_KEY to a longer secret");
        }
        this.used = db.getCollection("payment_links_used");
        this.clock = clock;
        this.random = random;
        this.ttl = ttl;
        this.templates = templates;
    }

    /** A link one verified patient may pay {@code amount} with, once, before it expires. */
    public String issue(String clientId, String accountNumber, BigDecimal amount,
                        String conversationId) {
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new BadInputException("bad_amount", "A payment amount must be positive with at "
                    + "most two decimals, was " + amount.toPlainString());
        }
        String template = templates.forClient(clientId)
                .orElseThrow(() -> new PaymentLinkException.NoPaymentPage(clientId));
        String token = token(clientId, accountNumber, amount, conversationId);
        return template.replace(TOKEN_PLACEHOLDER,
                URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Whether the client has a payment page for links to point at. */
    public boolean hasPage(String clientId) {
        return templates.forClient(clientId).isPresent();
    }

    /** How long a link stays valid after it is issued. */
    public Duration ttl() {
        return ttl;
    }

    /** The signed token alone, as it appears in the link. */
    String token(String clientId, String accountNumber, BigDecimal amount,
                 String conversationId) {
        Instant now = clock.instant();
        byte[] id = new byte[16];
        random.nextBytes(id);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .jwtID(HexFormat.of().formatHex(id))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("cid", clientId)
                .claim("acct", accountNumber)
                .claim("amt", amount.toPlainString())
                .claim("conv", conversationId)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a payment link failed", e);
        }
        return jwt.serialize();
    }

    /**
     * What {@code token} asks for, when it is genuine, unexpired and unused; it stays unused.
     *
     * @throws PaymentLinkException naming which of the three it is not
     */
    public PaymentLink check(String token) {
        PaymentLink link = verify(token);
        if (used.find(new Document("_id", link.linkId())).first() != null) {
            throw new PaymentLinkException.Used();
        }
        return link;
    }

    /**
     * Uses the link up: verifies it and records its id as used. Of any number of concurrent
     * redeems of one link, across any number of Parley processes on one store, exactly one
     * returns.
     *
     * @throws PaymentLinkException when it is invalid, expired or already used
     */
    public PaymentLink redeem(String token) {
        PaymentLink link = verify(token);
        try {
            used.insertOne(new Document("_id", link.linkId())
                    .append("clientId", link.clientId())
                    .append("accountNumber", link.accountNumber())
                    .append("at", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new PaymentLinkException.Used();
            }
            throw e;
        }
        return link;
    }

    private PaymentLink verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new PaymentLinkException.Invalid("not a signed token");
        }
        // Only the algorithm Parley signs with: never "none", never another the header names.
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new PaymentLinkException.Invalid("unexpected algorithm");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new PaymentLinkException.Invalid("bad signature");
            }
        } catch (JOSEException e) {
            throw new PaymentLinkException.Invalid("bad signature");
        }

        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new PaymentLinkException.Invalid("unreadable claims");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || claims.getJWTID() == null || !ISSUER.equals(claims.getIssuer())) {
            throw new PaymentLinkException.Invalid("missing claims");
        }
        // Expired at exp itself: a link valid for 30 minutes is not valid at minute 30.
        if (!clock.instant().isBefore(exp.toInstant())) {
            throw new PaymentLinkException.Expired(exp.toInstant());
        }
        try {
            return new PaymentLink(claims.getJWTID(), required(claims, "cid"),
                    required(claims, "acct"), new BigDecimal(required(claims, "amt")),
                    required(claims, "conv"), exp.toInstant());
        } catch (ParseException | NumberFormatException e) {
            throw new PaymentLinkException.Invalid("malformed claims");
        }
    }

    private static String required(JWTClaimsSet claims, String name) throws ParseException {
        String value = claims.getStringClaim(name);
        if (value == null) {
            throw new ParseException("missing " + name, 0);
        }
        return value;
    }
}
