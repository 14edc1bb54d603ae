package dev.jwksguard.auth.token;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a token must satisfy: the verifier's part of the settings.
 *
 * @param strictProfile RFC 9068 §2.2: {@code iat}, {@code jti} and {@code client_id} required
 */
public record TokenRules(List<String> issuers, List<String> audiences, Set<String> algorithms, Duration clockSkew,
                  int maxTokenBytes, Set<String> acceptedTypes, boolean strictProfile) {
}
