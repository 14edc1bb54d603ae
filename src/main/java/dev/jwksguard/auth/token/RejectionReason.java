package dev.jwksguard.auth.token;

/**
 * Why a bearer token was refused. The log code tells operators; the description is the fixed,
 * quote-free text sent in {@code error_description} (RFC 6750 §3), never a library message.
 */
public enum RejectionReason {
    MALFORMED("malformed token", "The access token is malformed"),
    TOO_LARGE("token too large", "The access token is too large"),
    ALGORITHM_NOT_ALLOWED("algorithm not allowed", "The token signing algorithm is not accepted"),
    TYPE_NOT_ALLOWED("token type not accepted", "The token type is not accepted"),
    KID_NOT_FOUND("kid not found", "The signing key is unknown"),
    INVALID_SIGNATURE("invalid signature", "The token signature is invalid"),
    EXPIRED("expired", "The access token expired"),
    NOT_YET_VALID("not yet valid", "The access token is not yet valid"),
    ISSUED_IN_FUTURE("issued in the future", "The access token was issued in the future"),
    WRONG_ISSUER("wrong issuer", "The token issuer is not trusted"),
    WRONG_AUDIENCE("wrong audience", "The token is not meant for this resource"),
    MISSING_CLAIM("missing required claim", "The access token lacks a required claim");

    private final String logText;
    private final String description;

    RejectionReason(String logText, String description) {
        this.logText = logText;
        this.description = description;
    }

    /** Words for the server log, e.g. "kid not found". */
    public String logText() {
        return logText;
    }

    /** Fixed text for {@code error_description}; safe to send to anyone. */
    public String description() {
        return description;
    }
}
