package dev.jwksguard.doctor;

import dev.jwksguard.auth.jwks.IssuerMetadata;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

/**
 * Checks from this machine what the server will need from the issuer: discovery and the JWKS URL,
 * DNS, TLS trust and proxy, the JWKS answer (status, type, size, keys, duplicate kids,
 * Cache-Control) and the clock against the issuer's. Prints one line per step and the fix for
 * each problem. Run with {@code mvn -Pdoctor -Doauth.issuer=...} (and {@code -Doauth.jwks.uri=...}).
 */
public final class Doctor {

    /** The server's limits: the answer cap, the clock skew, and the clamp on max-age. */
    private static final int MAX_BYTES = 512 * 1024;
    private static final long SKEW_SECONDS = 30;
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    /** One step's outcome: what was checked, whether it is fine, what was found, and what to do if not. */
    public record Finding(String step, boolean ok, String detail, String fix) {
    }

    private final HttpClient http;
    private final List<Finding> findings = new ArrayList<>();

    Doctor(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What the doctor is for and how to start it, printed when it is started without an issuer. */
    static final String USAGE = """
            The doctor checks, from this machine, what JWKS Guard will need from your issuer: discovery,
            DNS, TLS, the JWKS answer and the clock. Name the issuer as the server will know it:

              mvn -Pdoctor -Doauth.issuer=https://YOUR_TENANT.auth0.com/

            and, for an issuer without a discovery document, its JWKS URL too:

              mvn -Pdoctor -Doauth.issuer=https://issuer.example/ -Doauth.jwks.uri=https://issuer.example/jwks.json

            OAUTH_ISSUER and OAUTH_JWKS_URI in the environment work as well.""";

    public static void main(String[] args) {
        // exit() rather than an exception: Maven would bury the usage under its own [ERROR] lines.
        System.exit(run(Doctor::setting, System.out, System.err));
    }

    /** @return the exit code: 0 when every step is fine, 1 when one is not, 2 without an issuer to check */
    static int run(Function<String, Optional<String>> settings, PrintStream out, PrintStream err) {
        Optional<String> issuer = settings.apply("oauth.issuer");
        if (issuer.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        List<Finding> findings = new Doctor(Duration.ofSeconds(5)).check(issuer.get(), settings.apply("oauth.jwks.uri"));
        print(findings, out);
        return findings.stream().allMatch(Finding::ok) ? 0 : 1;
    }

    private static Optional<String> setting(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))))
                .filter(value -> !value.isBlank());
    }

    /** Runs every step it can; a step that fails ends the checks that depend on it. */
    public List<Finding> check(String issuer, Optional<String> configuredJwksUri) {
        proxy();
        // Discovery asks the issuer's host first: a name that does not resolve is said as such.
        Optional<URI> jwks = configuredJwksUri.map(URI::create)
                .or(() -> Optional.of(URI.create(issuer)).filter(this::resolves).flatMap(ignored -> discover(issuer)));
        jwks.filter(this::resolves).flatMap(this::fetch).ifPresent(this::inspect);
        return List.copyOf(findings);
    }

    static void print(List<Finding> findings, PrintStream out) {
        for (Finding finding : findings) {
            out.println((finding.ok() ? "  ok    " : "  FAIL  ") + finding.step() + ": " + finding.detail());
            if (!finding.ok()) {
                out.println("        fix: " + finding.fix());
            }
        }
        long problems = findings.stream().filter(finding -> !finding.ok()).count();
        out.println(problems == 0 ? "Verdict: the server can fetch and use these keys."
                : "Verdict: " + problems + " problem(s); the server would answer 503 or 401 until they are fixed.");
    }

    private void ok(String step, String detail) {
        findings.add(new Finding(step, true, detail, ""));
    }

    private void fail(String step, String detail, String fix) {
        findings.add(new Finding(step, false, detail, fix));
    }

    private void proxy() {
        String proxy = Optional.ofNullable(System.getProperty("https.proxyHost")).map(host -> "https.proxyHost " + host)
                .orElse("none (the JVM's https.proxyHost is not set)");
        ok("proxy", proxy + (System.getenv("HTTPS_PROXY") != null
                ? "; HTTPS_PROXY is set but a JVM ignores it: pass -Dhttps.proxyHost/-Dhttps.proxyPort" : ""));
    }

    private Optional<URI> discover(String issuer) {
        for (URI metadata : IssuerMetadata.discoveryUrls(issuer)) {
            Optional<HttpResponse<String>> answer = get("discovery", metadata);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            if (answer.get().statusCode() != 200) {
                continue;
            }
            Map<String, Object> document;
            try {
                document = JsonUtil.parseJson(answer.get().body());
            } catch (Exception e) {
                fail("discovery", metadata + " is not JSON", "point oauth.issuer at the issuer, or set oauth.jwks.uri");
                return Optional.empty();
            }
            if (!issuer.equals(document.get("issuer"))) {
                fail("discovery", metadata + " names issuer '" + document.get("issuer") + "', not '" + issuer + "'",
                        "set oauth.issuer to exactly '" + document.get("issuer") + "' (trailing slash included)");
                return Optional.empty();
            }
            if (!(document.get("jwks_uri") instanceof String jwksUri)) {
                fail("discovery", metadata + " has no jwks_uri", "set oauth.jwks.uri");
                return Optional.empty();
            }
            ok("discovery", metadata + ": issuer matches exactly; jwks_uri " + jwksUri);
            return Optional.of(URI.create(jwksUri));
        }
        fail("discovery", "no discovery document at " + IssuerMetadata.discoveryUrls(issuer),
                "check oauth.issuer, or set oauth.jwks.uri to the JWKS URL");
        return Optional.empty();
    }

    private boolean resolves(URI uri) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
            ok("dns", uri.getHost() + " -> " + addresses[0].getHostAddress()
                    + (addresses.length > 1 ? " and " + (addresses.length - 1) + " more" : ""));
            return true;
        } catch (UnknownHostException e) {
            fail("dns", "cannot resolve " + uri.getHost(), "check the host name, this machine's DNS, or the proxy");
            return false;
        }
    }

    private Optional<HttpResponse<String>> fetch(URI jwks) {
        Optional<HttpResponse<String>> answer = get("jwks", jwks);
        answer.ifPresent(response -> {
            if (response.statusCode() != 200) {
                fail("jwks", jwks + " answered " + response.statusCode(), "check oauth.jwks.uri");
            }
        });
        return answer.filter(response -> response.statusCode() == 200);
    }

    private Optional<HttpResponse<String>> get(String step, URI uri) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (HttpConnectTimeoutException e) {
            fail(step, "connecting to " + hostAndPort(uri) + " timed out", "check the firewall or the proxy");
        } catch (HttpTimeoutException e) {
            fail(step, uri + " did not answer within 5 s", "the server waits 3 s: the issuer or the path is too slow");
        } catch (ConnectException e) {
            if (e.getCause() instanceof UnresolvedAddressException) { // the JDK's client says "refused" for DNS too
                fail("dns", "cannot resolve " + uri.getHost(), "check the host name, this machine's DNS, or the proxy");
            } else {
                fail(step, "connection to " + hostAndPort(uri) + " refused", "check the host and port, or the proxy");
            }
        } catch (SSLException e) {
            fail(step, "TLS with " + uri.getHost() + " failed: " + e.getMessage(),
                    "the JVM does not trust this certificate: import its CA into the trust store the server uses"
                            + " (-Djavax.net.ssl.trustStore=...)");
        } catch (java.io.IOException e) {
            fail(step, uri + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), "check the URL and the network");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(step, "interrupted", "run again");
        }
        return Optional.empty();
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
    }

    private void inspect(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("(none)");
        int bytes = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            fail("jwks", bytes + " bytes, above the server's " + MAX_BYTES, "raise oauth.jwks.max-response-bytes");
            return;
        }
        ok("jwks", "200, " + type + ", " + bytes + " bytes");
        keys(response.body());
        cacheControl(response.headers().firstValue("Cache-Control"));
        clock(response.headers().firstValue("Date"));
    }

    private void keys(String body) {
        List<JsonWebKey> keys;
        try {
            keys = new JsonWebKeySet(body).getJsonWebKeys();
        } catch (Exception e) {
            fail("keys", "not a JWKS document", "check oauth.jwks.uri: it must be the JWKS, not the discovery document");
            return;
        }
        List<String> described = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        int signing = 0;
        for (JsonWebKey key : keys) {
            described.add(key.getKeyType() + " " + Optional.ofNullable(key.getKeyId()).orElse("(no kid)")
                    + Optional.ofNullable(key.getAlgorithm()).map(alg -> " " + alg).orElse(""));
            if (key.getKeyId() != null && !kids.add(key.getKeyId())) {
                duplicates.add(key.getKeyId());
            }
            boolean usable = !"oct".equals(key.getKeyType()) && (key.getUse() == null || "sig".equals(key.getUse()));
            signing += usable ? 1 : 0;
        }
        if (signing == 0) {
            fail("keys", keys.size() + " keys, none usable to verify signatures: " + described,
                    "the issuer publishes no public signing key here");
        } else if (!duplicates.isEmpty()) {
            fail("keys", "duplicate kids " + duplicates + " in " + described,
                    "the server uses the first key of a kid and ignores the others, so tokens signed by those"
                            + " fail with 'invalid signature': ask the issuer's admin to fix the JWKS");
        } else {
            ok("keys", signing + " signing key(s): " + described);
        }
    }

    private void cacheControl(Optional<String> header) {
        Optional<Long> maxAge = header.map(MAX_AGE::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1)));
        String effect = maxAge.map(seconds -> "the server keeps the keys " + Math.max(60, Math.min(seconds, 86_400)) + " s")
                .orElse(header.isPresent() ? "no max-age: the server keeps the keys 60 s (no-cache is clamped)"
                        : "none: the server keeps the keys oauth.jwks.cache-seconds (600 s)");
        ok("cache-control", header.orElse("(none)") + "; " + effect);
    }

    private void clock(Optional<String> date) {
        if (date.isEmpty()) {
            ok("clock", "no Date header to compare with");
            return;
        }
        long offset = Duration.between(ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant(), Instant.now()).toSeconds();
        if (Math.abs(offset) > SKEW_SECONDS) {
            fail("clock", "this machine is " + Math.abs(offset) + " s " + (offset > 0 ? "ahead of" : "behind")
                    + " the issuer", "synchronize the clock (NTP): beyond the " + SKEW_SECONDS
                    + " s skew, fresh tokens look expired or not yet valid");
        } else {
            ok("clock", "within " + Math.abs(offset) + " s of the issuer's");
        }
    }
}
