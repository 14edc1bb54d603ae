package dev.jwksguard.devserver;

import java.net.InetAddress;
import java.net.URI;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A local OAuth issuer for development: mock-oauth2-server, in this JVM, with issuer id {@code dev}
 * at {@code http://127.0.0.1:PORT/dev}. Any {@code client_credentials} request (any client id and
 * secret) gets an RS256 token for the developer {@code dev-user} with both notes scopes; with
 * {@code scope=admin:jwks}, one for {@code dev-admin} that may also use the admin API. Its
 * {@code iss} is always the 127.0.0.1 form, however the issuer was called ({@code localhost} too).
 * The signing key is made at start, so tokens from an earlier run no longer verify.
 *
 * <p>This source folder (src/dev/java) and the library are test-scoped: compiled with the tests on
 * every build, so CI keeps the run command compiling, and never packaged into the WAR.
 */
final class DevIssuer implements AutoCloseable {

    static final String ISSUER_ID = "dev";
    static final String SUBJECT = "dev-user";
    static final String SCOPE = "read:notes write:notes";
    static final String ADMIN_SUBJECT = "dev-admin";
    static final String ADMIN_SCOPE = "admin:jwks";

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
        URI issuer = URI.create("http://127.0.0.1:" + port + "/" + ISSUER_ID);
        // mock-oauth2-server's JSON configuration (the format of its standalone JSON_CONFIG). The
        // first mapping whose request parameter matches wins. "aud" must be a JSON array: a plain
        // string is ignored and the token gets no audience. "iss" is fixed, because the server would
        // otherwise write the Host it was called by, and a token fetched from localhost would then
        // name an issuer the API does not trust.
        String json = """
                {
                  "interactiveLogin": false,
                  "tokenCallbacks": [{
                    "issuerId": "%1$s",
                    "tokenExpiry": 3600,
                    "requestMappings": [{
                      "requestParam": "scope",
                      "match": "%6$s",
                      "typeHeader": "JWT",
                      "claims": { "iss": "%2$s", "sub": "%5$s", "aud": ["%3$s"], "scope": "%6$s %4$s" }
                    }, {
                      "requestParam": "grant_type",
                      "match": "client_credentials",
                      "typeHeader": "JWT",
                      "claims": { "iss": "%2$s", "sub": "%7$s", "aud": ["%3$s"], "scope": "%4$s" }
                    }]
                  }]
                }
                """.formatted(ISSUER_ID, issuer, audience, SCOPE, ADMIN_SUBJECT, ADMIN_SCOPE, SUBJECT);
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(json));
        // Loopback only.
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The development issuer cannot listen on 127.0.0.1:" + port
                    + " (choose another port with -Drun.issuer.port=N)", e);
        }
        return new DevIssuer(server, issuer);
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
