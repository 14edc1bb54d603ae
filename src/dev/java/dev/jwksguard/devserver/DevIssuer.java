package dev.jwksguard.devserver;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A local OAuth issuer for development: mock-oauth2-server, in this JVM, with issuer id {@code dev}
 * at {@code http://127.0.0.1:PORT/dev}. Any {@code client_credentials} request (any client id and
 * secret) gets an RS256 token for the developer {@code dev-user} with both notes scopes; with
 * {@code scope=admin:jwks}, one for {@code dev-admin} that may also use the admin API; with
 * {@code expires_in=N}, one that expires in N seconds ({@link DevTokenCallback}). Its {@code iss}
 * is always the 127.0.0.1 form, however the issuer was called ({@code localhost} too).
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
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(), Set.of(new DevTokenCallback(issuer, audience))));
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
