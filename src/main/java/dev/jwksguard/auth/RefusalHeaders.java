package dev.jwksguard.auth;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The response headers of every refusal, servlet or JAX-RS alike: the challenge with the
 * resource's metadata URL, Retry-After, and no-store.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-5.3">RFC 6750 §5.3 no caching of refusals</a>
 */
public final class RefusalHeaders {

    public static final String CHALLENGE = "WWW-Authenticate";

    private RefusalHeaders() {
    }

    /** @param resourceMetadata the resource's metadata URL, asked only when the refusal carries a challenge */
    public static void write(BearerError error, Supplier<String> resourceMetadata, BiConsumer<String, String> header) {
        noStore(header);
        error.challenge(resourceMetadata).ifPresent(challenge -> header.accept(CHALLENGE, challenge));
        error.retryAfter().ifPresent(delay -> header.accept("Retry-After", Long.toString(delay.toSeconds())));
    }

    /** An answer that depends on the caller's token, refused or not: no shared cache may keep it. */
    public static void noStore(BiConsumer<String, String> header) {
        header.accept("Cache-Control", "no-store");
    }
}
