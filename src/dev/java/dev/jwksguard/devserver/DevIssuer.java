package dev.jwksguard.devserver;

import java.net.InetAddress;
import java.net.URI;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A local OAuth issuer for development: mock-oauth2-server, in this JVM, with issuer id {@code dev}
 * at {@code http://127.0.0.1:PORT/dev}. Any {@code client_credentials} request (any client id and
 * secret) gets an RS256 token for the developer {@code dev-user} with both notes scopes. The
 * signing key is made at start, so tokens from an earlier run no longer verify.
 *
 * <p>This source folder (src/dev/java) and the library are test-scoped: compiled with the tests on
 * every build, so CI keeps the run command compiling, and never packaged into the WAR.
 */
final class DevIssuer implements AutoCloseable {

    static final String ISSUER_ID = "dev";
    static final String SUBJECT = "dev-user";
    static final String SCOPE = "read:notes write:notes";

    private final MockOAuth2Server server;
    private final URI issuer;

    private DevIssuer(MockOAuth2Server server, URI issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    /**
     * @param audience the {@code aud} of every token: the API's identifier
     */
    static DevIssuer start(int port, String audience) throws java.net.UnknownHostException {
        // mock-oauth2-server's JSON configuration (the format of its standalone JSON_CONFIG).
        // "aud" must be a JSON array: a plain string is ignored and the token gets no audience.
        String json = """
                {
                  "interactiveLogin": false,
                  "tokenCallbacks": [{
                    "issuerId": "%s",
                    "tokenExpiry": 3600,
                    "requestMappings": [{
                      "requestParam": "grant_type",
                      "match": "client_credentials",
                      "typeHeader": "JWT",
                      "claims": { "sub": "%s", "aud": ["%s"], "scope": "%s" }
                    }]
                  }]
                }
                """.formatted(ISSUER_ID, SUBJECT, audience, SCOPE);
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(json));
        // Loopback only. The server takes "iss" from each request's Host header, so clients must
        // call it as 127.0.0.1 (not localhost) to get the issuer the API is configured with.
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The development issuer cannot listen on 127.0.0.1:" + port
                    + " (choose another port with -Drun.issuer.port=N)", e);
        }
        return new DevIssuer(server, URI.create("http://127.0.0.1:" + port + "/" + ISSUER_ID));
    }

    URI issuer() {
        return issuer;
    }

    URI jwksUri() {
        return URI.create(issuer + "/jwks");
    }

    URI tokenEndpoint() {
        return URI.create(issuer + "/token");
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
