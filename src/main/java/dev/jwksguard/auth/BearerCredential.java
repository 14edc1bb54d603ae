package dev.jwksguard.auth;

/** What the Authorization header held: nothing usable, a malformed bearer value, or a token. */
sealed interface BearerCredential {

    /** No Authorization header, or a scheme other than Bearer: the caller sent no credentials. */
    record Absent() implements BearerCredential {
    }

    /** RFC 6750 §3.1 invalid_request; {@code reason} is a fixed phrase for the log and the client. */
    record Malformed(String reason) implements BearerCredential {
    }

    record Present(String token) implements BearerCredential {
        @Override
        public String toString() {
            return "Present[token=<" + token.length() + " chars>]";
        }
    }
}
