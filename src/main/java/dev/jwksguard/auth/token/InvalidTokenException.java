package dev.jwksguard.auth.token;

/** The caller's token is not acceptable: answered 401 {@code invalid_token}. */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;
    private final RejectionReason reason;

    public InvalidTokenException(RejectionReason reason) {
        // No cause and no stack trace: library messages hold the whole token header and key list.
        super(reason.logText(), null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
