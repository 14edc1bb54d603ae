package dev.jwksguard.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * What the integration tests share: the WAR Maven built, the Payara Micro port, the JWKS stub on
 * the port the WAR is configured with (see the failsafe configuration in pom.xml), and HTTP calls.
 */
public final class ItServer {

    /** Started once per test JVM, before any deployment needs it. */
    public static final JwksStub JWKS = JwksStub.start(Integer.getInteger("it.jwks.port"));

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            // Plain HTTP/1.1, as API clients and proxies speak it (no h2c upgrade attempts).
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private ItServer() {
    }

    /** The packaged WAR, unchanged, deployed at the context root. */
    public static WebArchive war() {
        File war = new File(System.getProperty("it.war", "target/jwks-guard.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    /** Which server runs the suite, e.g. "WildFly 39.0.1.Final"; Payara Micro unless the build says otherwise. */
    public static final String SERVER = System.getProperty("it.server", "Payara Micro");

    public static boolean isWildFly() {
        return SERVER.startsWith("WildFly");
    }

    /** MicroProfile Health: on the HTTP port on Payara, on the management port on WildFly. */
    public static HttpResponse<String> health(String path) {
        String base = System.getProperty("it.health.base", "http://127.0.0.1:" + Integer.getInteger("it.http.port"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)));
    }

    /** The server's metrics, where its operators scrape them: /metrics on the HTTP port (Payara) or the management port (WildFly). */
    public static HttpResponse<String> metrics() {
        String base = System.getProperty("it.health.base", "http://127.0.0.1:" + Integer.getInteger("it.http.port"));
        return send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(20)));
    }

    public static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port") + pathAndQuery);
    }

    public static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path, String... headerPairs) {
        HttpRequest.Builder request = request(path).GET();
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(request);
    }

    public static HttpResponse<String> getWithToken(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonUtil.parseJson(response.body());
        } catch (JoseException e) {
            throw new AssertionError("not a JSON object: " + response.body(), e);
        }
    }

    public static String challenge(HttpResponse<String> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }
}
