package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property: no input but a token really signed by a JWKS key is ever accepted; every other input
 * ends in {@link InvalidTokenException} (never another exception), quickly, and costs no more JWKS
 * fetches than the rate limit allows. The number of inputs is {@code jqwik.tries.default}
 * (src/test/resources/junit-platform.properties); a longer run:
 * {@code mvn test -Dtest=TokenVerifierFuzzTest -Djqwik.tries.default=100000}.
 */
class TokenVerifierFuzzTest {

    private static final JwksStub JWKS = JwksStub.start(0);
    private static final String VALID = TestTokens.valid().sign();
    private static final TokenVerifier VERIFIER = verifier();
    private static final Duration MAX_TIME_PER_INPUT = Duration.ofSeconds(1);

    private static TokenVerifier verifier() {
        return TestSettings.verifier(TestSettings.settings(JWKS.uri()));
    }

    @AfterContainer
    static void stop() {
        JWKS.close();
    }

    @Property
    void mutatedValidTokenIsNeverAcceptedUnlessSameSignedBytes(@ForAll("mutations") String token) {
        checkRejectedUnlessGenuine(token);
    }

    @Property
    void arbitraryCompactStringsAreRejected(@ForAll("compactShapes") String token) {
        checkRejectedUnlessGenuine(token);
    }

    @Property
    void craftedHeadersAreRejected(@ForAll("craftedHeaderTokens") String token) {
        checkRejectedUnlessGenuine(token);
    }

    private static void checkRejectedUnlessGenuine(String token) {
        long started = System.nanoTime();
        boolean accepted;
        try {
            VERIFIER.verify(token);
            accepted = true;
        } catch (InvalidTokenException expected) {
            accepted = false;
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MAX_TIME_PER_INPUT);
        if (accepted) {
            assertThat(sameSignedBytes(token, VALID)).as("accepted a token not signed by a JWKS key: %s", token)
                    .isTrue();
        }
        // Unknown kids may trigger refetches, but never more than the limit per minute.
        assertThat((long) JWKS.requests()).isLessThanOrEqualTo(1 + 5 * (1 + minutesSinceStart()));
    }

    private static final long STARTED = System.nanoTime();

    private static long minutesSinceStart() {
        return Duration.ofNanos(System.nanoTime() - STARTED).toMinutes();
    }

    /** Base64url may encode the same bytes differently in its last character: same signature. */
    private static boolean sameSignedBytes(String token, String genuine) {
        String[] parts = token.split("\\.", -1);
        String[] real = genuine.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(real[0]) || !parts[1].equals(real[1])) {
            return false;
        }
        try {
            return Arrays.equals(Base64.getUrlDecoder().decode(parts[2]), Base64.getUrlDecoder().decode(real[2]));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> replacement = Arbitraries.chars().with(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"\\\u0000\u00e9");
        Arbitrary<String> flipped = Combinators.combine(position, replacement)
                .as((at, c) -> VALID.substring(0, at) + c + VALID.substring(at + 1));
        Arbitrary<String> truncated = position.map(at -> VALID.substring(0, at));
        Arbitrary<String> extended = Arbitraries.strings().withChars("A-_.=").ofMaxLength(20).map(tail -> VALID + tail);
        Arbitrary<String> swapped = Arbitraries.of(List.of(0, 1, 2)).map(TokenVerifierFuzzTest::swapSegments);
        return Arbitraries.oneOf(flipped, truncated, extended, swapped);
    }

    private static String swapSegments(int which) {
        String[] parts = VALID.split("\\.");
        String other = TestTokens.valid().subject("mallory").signedWith(TestKeys.ROGUE).sign().split("\\.")[which];
        parts[which] = other;
        return String.join(".", parts);
    }

    @Provide
    Arbitrary<String> compactShapes() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("A-Za-z0-9-_").ofMaxLength(60);
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> threeParts = Combinators.combine(segment, segment, segment).as((a, b, c) -> a + "." + b + "." + c);
        Arbitrary<String> manyParts = segment.list().ofMinSize(1).ofMaxSize(7).map(list -> String.join(".", list));
        return Arbitraries.oneOf(anything, threeParts, manyParts);
    }

    @Provide
    Arbitrary<String> craftedHeaderTokens() {
        Arbitrary<String> alg = Arbitraries.of("none", "None", "HS256", "HS512", "RS256", "RS512", "ES256", "PS256",
                "EdDSA", "", "RSA-OAEP", "dir");
        Arbitrary<String> kid = Arbitraries.oneOf(Arbitraries.of("primary-key", "rotated-key", "ec-key", ""),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> extra = Arbitraries.of("", ",\"typ\":\"at+jwt\"", ",\"typ\":\"JWE\"", ",\"cty\":\"JWT\"",
                ",\"crit\":[\"b64\"],\"b64\":false", ",\"zip\":\"DEF\"", ",\"jku\":\"" + JWKS.strayUri() + "\"",
                ",\"alg\":\"none\"", ",\"kid\":null", ",\"kid\":123", ",\"x5c\":[\"AAAA\"]");
        Arbitrary<String> payload = Arbitraries.of(VALID.split("\\.")[1], TestTokens.segment("[]"),
                TestTokens.segment("\"x\""), TestTokens.segment("{}"), TestTokens.segment("{\"exp\":\"soon\"}"));
        Arbitrary<String> signature = Arbitraries.of(VALID.split("\\.")[2], "", "AAAA");
        return Combinators.combine(alg, kid, extra, payload, signature).as((a, k, x, p, s) -> {
            String header = "{\"alg\":\"" + a + "\",\"kid\":" + jsonString(k) + x + "}";
            return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                    + "." + p + "." + s;
        });
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
