package dev.jwksguard.auth.token;

import java.util.Optional;

/** The caller's token is not acceptable: answered 401 {@code invalid_token}. */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;
    private final RejectionReason reason;
    /** The trusted issuer whose checks refused it, when several are trusted; never the token's unverified word. */
    private final String issuer;

    public InvalidTokenException(RejectionReason reason) {
        this(reason, null);
    }

    private InvalidTokenException(RejectionReason reason, String issuer) {
        // No cause and no stack trace: library messages hold the whole token header and key list.
        super(reason.logText(), null, false, false);
        this.reason = reason;
        this.issuer = issuer;
    }

    /** The same refusal, as made by the trusted issuer named {@code issuer} (its configured name). */
    public InvalidTokenException by(String issuer) {
        return new InvalidTokenException(reason, issuer);
    }

    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    public RejectionReason reason() {
        return reason;
    }
}
