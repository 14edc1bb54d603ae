package dev.jwksguard.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Access tokens for tests: {@code valid()} is accepted by the test configuration; each call states
 * only its deviation, e.g. {@code TestTokens.valid().expiredAt(past).sign()}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.invalid/";
    public static final String AUDIENCE = "https://api.test.invalid/";
    /** The MCP endpoint's identifier in the suite's configuration: /mcp at the origin of {@link #AUDIENCE}. */
    public static final String MCP_AUDIENCE = "https://api.test.invalid/mcp";

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> header = new LinkedHashMap<>();
    private PublicJsonWebKey signingKey = TestKeys.PRIMARY;
    private Key hmacKey;

    private TestTokens() {
        long now = Instant.now().getEpochSecond();
        claims.put("iss", ISSUER);
        claims.put("sub", "alice");
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("scope", "read:notes write:notes");
        header.put("alg", "RS256");
        header.put("typ", "JWT");
    }

    public static TestTokens valid() {
        return new TestTokens();
    }

    public TestTokens subject(String subject) {
        return claim("sub", subject);
    }

    public TestTokens scope(String scope) {
        return claim("scope", scope);
    }

    public TestTokens issuer(String issuer) {
        return claim("iss", issuer);
    }

    public TestTokens audience(Object audience) {
        return claim("aud", audience);
    }

    /** A token for the MCP endpoint, as an MCP client gets one with resource=the MCP URL (RFC 8707). */
    public TestTokens forMcp() {
        return audience(MCP_AUDIENCE);
    }

    public TestTokens expiredAt(Instant exp) {
        return claim("exp", exp.getEpochSecond());
    }

    public TestTokens notBefore(Instant nbf) {
        return claim("nbf", nbf.getEpochSecond());
    }

    public TestTokens issuedAt(Instant iat) {
        return claim("iat", iat.getEpochSecond());
    }

    public TestTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TestTokens without(String claim) {
        claims.remove(claim);
        return this;
    }

    public TestTokens header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    public TestTokens withoutHeader(String name) {
        header.remove(name);
        return this;
    }

    public TestTokens algorithm(String alg) {
        return header("alg", alg);
    }

    public TestTokens type(String typ) {
        return header("typ", typ);
    }

    /** Signs with this key and names its kid. */
    public TestTokens signedWith(PublicJsonWebKey key) {
        this.signingKey = key;
        return this;
    }

    /** Names a kid without changing the signing key. */
    public TestTokens kid(String kid) {
        return header("kid", kid);
    }

    /** The key-confusion attack: HS256 keyed with the bytes of a published public key. */
    public TestTokens hmacWithPublicKeyOf(PublicJsonWebKey key) {
        this.hmacKey = new HmacKey(key.getPublicKey().getEncoded());
        return algorithm("HS256");
    }

    public String sign() {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(JsonUtil.toJson(claims));
            jws.setKeyIdHeaderValue(signingKey.getKeyId());
            header.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
            jws.setAlgorithmHeaderValue((String) header.get("alg"));
            if (hmacKey != null) {
                jws.setKey(hmacKey);
                jws.setDoKeyValidation(false);
            } else {
                jws.setKey(signingKey.getPrivateKey());
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg} as given (e.g. "none", "nOnE"), empty signature: never signed at all. */
    public String unsigned() {
        return segment(JsonUtil.toJson(header)) + "." + segment(JsonUtil.toJson(claims)) + ".";
    }

    /** Raw header and payload JSON, signed by nothing: for shape tests. */
    public static String raw(String headerJson, String payloadJson, String signature) {
        return segment(headerJson) + "." + segment(payloadJson) + "." + signature;
    }

    public static String segment(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> bearer(String token) {
        return List.of("Bearer " + token);
    }
}
