import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * The benchmark's issuer: one RSA key, its JWKS at http://127.0.0.1:PORT/jwks.json, and COUNT valid
 * RS256 tokens (distinct subjects, 2 h) written one per line to TOKENS; and to FORGED, 1,000 tokens
 * otherwise valid but signed by a key the JWKS never publishes, each under its own unknown kid (the
 * flood mode). Runs until killed.
 *
 * <p>Usage: java -cp JOSE4J_CLASSPATH BenchIssuer.java PORT TOKENS COUNT ISSUER AUDIENCE FORGED
 */
public final class BenchIssuer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path tokensFile = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        String issuer = args[3];
        String audience = args[4];
        Path forgedFile = Path.of(args[5]);

        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench-key");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        byte[] jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .getBytes(StandardCharsets.UTF_8);

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(sign(key, key.getKeyId(), claims(issuer, audience, i)));
        }
        RsaJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            forged.add(sign(forger, "forged-" + i, claims(issuer, audience, i)));
        }
        Files.write(forgedFile, forged);
        Files.write(tokensFile, tokens);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        System.out.println("bench issuer: " + count + " tokens in " + tokensFile + ", JWKS at http://127.0.0.1:"
                + port + "/jwks.json");
    }

    private static JwtClaims claims(String issuer, String audience, int i) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("bench-user-" + i);
        claims.setClaim("upn", "bench-user-" + i);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(120);
        claims.setGeneratedJwtId();
        claims.setClaim("scope", "read:notes write:notes");
        claims.setStringListClaim("groups", "read:notes", "write:notes");
        return claims;
    }

    private static String sign(RsaJsonWebKey key, String kid, JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
