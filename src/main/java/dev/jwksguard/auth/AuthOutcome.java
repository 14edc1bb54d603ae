package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
import java.time.Duration;
import java.util.Optional;

/** What the mechanism does with a request: log the caller in, let it pass anonymously, or refuse it. */
sealed interface AuthOutcome {

    record Authenticated(VerifiedToken caller) implements AuthOutcome {
    }

    record Anonymous() implements AuthOutcome {
    }

    /** A refusal: status, optional challenge (none for 503) and Retry-After, and the problem body. */
    record Refused(Problem problem, Optional<BearerChallenge> challenge, Optional<Duration> retryAfter)
            implements AuthOutcome {
    }
}
