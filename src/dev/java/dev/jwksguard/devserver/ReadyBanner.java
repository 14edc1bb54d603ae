package dev.jwksguard.devserver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the run command prints once the application answers: where it runs, which issuer it
 * trusts, and commands to paste, with a token for the development issuer; or, when it is not ready
 * (an issuer whose keys cannot be fetched), why, and the doctor command that checks it step by step.
 *
 * @param api   the application's base URL, e.g. {@code http://localhost:8080}
 * @param notes where the notes are kept, as the user should read it
 */
record ReadyBanner(String api, Issuer issuer, Path notes) {

    /** @param tokenEndpoint the development issuer's; empty for a real issuer, whose tokens come from elsewhere */
    record Issuer(String id, Optional<String> jwksUri, Optional<String> tokenEndpoint) {

        String doctorCommand() {
            return "mvn -Pdoctor -Doauth.issuer=" + id + jwksUri.map(uri -> " -Doauth.jwks.uri=" + uri).orElse("");
        }
    }

    /** @param notReady why the readiness check is DOWN, when it is */
    String text(Optional<String> notReady) {
        String headline = notReady.map(cause -> """
                JWKS Guard is NOT READY at %s/ : %s
                Requests with a token get 503 until it is; a line below will say when it is ready.
                Why, checked from this machine step by step: %s"""
                .formatted(api, cause, issuer.doctorCommand())).orElse("JWKS Guard is running at " + api + "/");
        String getToken = issuer.tokenEndpoint().map(endpoint -> """
                # A token for %1$s with scope "%2$s", valid 1 h (any client id and secret):
                TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=dev -d client_secret=dev \\
                  %3$s | sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p')
                # Only the scopes a user granted, to see a step-up: add -d scope=read:notes
                # A token for the MCP endpoint alone (RFC 8707), as ChatGPT gets one: add -d resource=%6$s/mcp
                # An operator's token (%4$s, also %5$s), for /api/admin/jwks: add -d scope=%5$s
                # A token that expires in 30 s, to see what an expired one gets: add -d expires_in=30"""
                .formatted(DevIssuer.SUBJECT, DevIssuer.SCOPE, endpoint, DevIssuer.ADMIN_SUBJECT, DevIssuer.ADMIN_SCOPE,
                        api))
                .orElse("# Get an access token for this API from " + issuer.id() + ", then:\nTOKEN=...");
        String issuerLine = issuer.tokenEndpoint().isPresent() ? issuer.id() + " (development issuer)" : issuer.id();
        return """

                ===============================================================================
                %5$s
                MCP endpoint (ChatGPT, MCP Inspector): %1$s/mcp
                Issuer: %2$s
                Paste into bash:

                %3$s
                curl -i -H "Authorization: Bearer $TOKEN" %1$s/api/me
                curl -i -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                  -d '{"text":"hello"}' %1$s/api/notes
                curl -i -H "Authorization: Bearer $TOKEN" %1$s/api/notes
                curl -i %1$s/api/me    # no token: 401 with a WWW-Authenticate: Bearer challenge

                Notes are kept in %4$s (delete it to start afresh). Ctrl-C stops everything.
                ===============================================================================
                """.formatted(api, issuerLine, getToken, notes, headline);
    }
}
