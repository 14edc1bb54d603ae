package dev.jwksguard.auth.jwks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * Downloads the JWK Set once and keeps only the keys fit to verify signatures.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-4">RFC 7517 §4 (use, key_ops)</a>
 */
class JwksFetcher {

    private static final System.Logger LOG = System.getLogger(JwksFetcher.class.getName());
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");
    private static final Set<String> ASYMMETRIC_KEY_TYPES = Set.of("RSA", "EC", "OKP");

    /** A usable key set and how long its publisher says it may be cached. */
    record FetchedKeys(List<JsonWebKey> keys, Optional<Duration> maxAge) {
    }

    /** Why a fetch produced nothing usable, in operator words; no response body is ever included. */
    static final class FetchFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchFailedException(String message) {
            super(message, null, false, false);
        }
    }

    private final JwksLocator locator;
    private final SimpleGet http;

    JwksFetcher(JwksLocator locator, SimpleGet http) {
        this.locator = locator;
        this.http = http;
    }

    /** The one HTTP client for the JWKS and the discovery document: short timeouts, size cap. */
    static SimpleGet httpClient(JwksSettings settings) {
        Get get = new Get();
        get.setConnectTimeout((int) settings.http().connectTimeout().toMillis());
        get.setReadTimeout((int) settings.http().readTimeout().toMillis());
        // No retry of our own: a request thread may be waiting, the cache covers short outages, and
        // the JDK already retries a GET once on a stale kept-alive connection.
        get.setRetries(0);
        get.setResponseBodySizeLimit(settings.http().maxResponseBytes());
        return get;
    }

    /** The JWKS URI when known (configured, or discovered already). */
    Optional<URI> uri() {
        return locator.known();
    }

    FetchedKeys fetch() throws FetchFailedException {
        URI uri = locator.jwksUri();
        SimpleResponse response;
        try {
            response = http.get(uri.toString());
        } catch (IOException e) {
            throw new FetchFailedException("JWKS unreachable at " + uri + ": " + describe(e));
        }
        if (response.getStatusCode() != 200) {
            throw new FetchFailedException("JWKS endpoint " + uri + " answered HTTP " + response.getStatusCode());
        }
        List<JsonWebKey> keys;
        try {
            keys = usableKeys(new JsonWebKeySet(response.getBody()).getJsonWebKeys());
        } catch (JoseException | RuntimeException e) {
            throw new FetchFailedException("JWKS document from " + uri + " is not a valid JWK Set");
        }
        if (keys.isEmpty()) {
            throw new FetchFailedException("JWKS document from " + uri + " holds no usable signature keys");
        }
        return new FetchedKeys(List.copyOf(keys), maxAge(response));
    }

    private List<JsonWebKey> usableKeys(List<JsonWebKey> published) {
        List<JsonWebKey> usable = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JsonWebKey key : published) {
            String kid = key.getKeyId();
            if (!ASYMMETRIC_KEY_TYPES.contains(key.getKeyType())) {
                LOG.log(System.Logger.Level.INFO, "Ignoring JWKS key {0} of type {1}: only public keys verify tokens",
                        kid, key.getKeyType());
            } else if (!fitForVerification(key)) {
                LOG.log(System.Logger.Level.DEBUG, "Ignoring JWKS key {0}: not meant for signatures", kid);
            } else if (kid != null && !kids.add(kid)) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring JWKS key with duplicate kid {0}", kid);
            } else {
                usable.add(key);
            }
        }
        return usable;
    }

    private static boolean fitForVerification(JsonWebKey key) {
        boolean useFits = key.getUse() == null || "sig".equals(key.getUse());
        boolean opsFit = key.getKeyOps() == null || key.getKeyOps().contains("verify");
        return useFits && opsFit;
    }

    private static Optional<Duration> maxAge(SimpleResponse response) {
        List<String> values = response.getHeaderValues("Cache-Control");
        if (values == null) {
            return Optional.empty();
        }
        for (String value : values) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.contains("no-store") || lower.contains("no-cache")) {
                return Optional.of(Duration.ZERO);
            }
            Matcher matcher = MAX_AGE.matcher(lower);
            if (matcher.find()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(matcher.group(1))));
            }
        }
        return Optional.empty();
    }

    private static String describe(IOException e) {
        // The exception type and the JDK's short message ("Connection refused", "Read timed out")
        // say enough; jose4j adds nothing secret at this point, but keep it to one line.
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message.lines().findFirst().orElse("") + ")");
    }
}
