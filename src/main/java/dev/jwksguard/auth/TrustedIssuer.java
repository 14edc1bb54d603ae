package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.auth.token.TokenDiagnosis;
import dev.jwksguard.auth.token.TokenVerifier;
import dev.jwksguard.config.IssuerSettings;

/** One issuer whose tokens are accepted, ready to check them: its settings, its keys, its verifier and its diagnosis. */
record TrustedIssuer(IssuerSettings settings, JwksKeySource keys, TokenVerifier verifier,
                            TokenDiagnosis diagnosis) {
}
