package dev.jwksguard.auth;

import dev.jwksguard.auth.token.VerifiedToken;

/** What the mechanism does with a request: log the caller in, let it pass anonymously, or refuse it. */
sealed interface AuthOutcome {

    record Authenticated(VerifiedToken caller) implements AuthOutcome {
    }

    record Anonymous() implements AuthOutcome {
    }

    record Refused(BearerError error) implements AuthOutcome {
    }
}
