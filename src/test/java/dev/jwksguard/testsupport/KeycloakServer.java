package dev.jwksguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A real Keycloak, from the distribution Maven unpacked ({@code it.keycloak.home}), started in dev
 * mode on 127.0.0.1 with the realm of {@code src/test/resources/keycloak/jwks-guard-realm.json}
 * imported into a fresh database. It needs Java 21+ ({@link #javaHome()}). Its output goes to
 * {@code target/keycloak-logs/keycloak.log}; it ends with the test JVM.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "jwks-guard";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-it-password";

    private final Process process;
    private final int port;
    private int rotations;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The first JDK with Java 21 or newer among: {@code it.keycloak.javaHome}, {@code KEYCLOAK_JAVA_HOME},
     * {@code JAVA21_HOME}, the JVM running the tests, and those under {@code /usr/lib/jvm}.
     */
    public static Optional<Path> javaHome() {
        List<Path> candidates = new ArrayList<>();
        Stream.of(System.getProperty("it.keycloak.javaHome"), System.getenv("KEYCLOAK_JAVA_HOME"),
                        System.getenv("JAVA21_HOME"), System.getProperty("java.home"))
                .filter(value -> value != null && !value.isBlank()).map(Path::of).forEach(candidates::add);
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed.sorted(Comparator.reverseOrder()).forEach(candidates::add);
        } catch (IOException noneThere) {
            // Not a Debian-style machine: only the explicit candidates.
        }
        return candidates.stream().filter(home -> majorVersion(home) >= 21).findFirst();
    }

    private static int majorVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaHome.resolve("bin/java"))) {
            return 0;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Starts Keycloak on a free port and waits until the realm answers (about 20 to 45 s). */
    public static KeycloakServer start(Path javaHome) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("it.keycloak.home"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home + ": Maven unpacks it in pre-integration-test");
        }
        // A fresh database each run, so that the import and the key rotation start from the same state.
        deleteTree(home.resolve("data/h2"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(Path.of("src/test/resources/keycloak/jwks-guard-realm.json"), imports.resolve("jwks-guard-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path logs = Files.createDirectories(Path.of("target", "keycloak-logs"));
        int port = FreePort.onLoopback();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + FreePort.onLoopback(),
                "--hostname-strict=false", "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logs.resolve("keycloak.log").toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx768m");
        environment.put("JAVA_OPTS_APPEND", "-javaagent:" + PayaraMicroProcess.agentJar(logs));
        KeycloakServer server = new KeycloakServer(builder.start(), port);
        server.awaitRealm(Duration.ofSeconds(180));
        return server;
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The response of the token endpoint to a client-credentials grant; an empty scope requests none. */
    public Map<String, Object> clientCredentials(String clientId, String secret, String scope) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
        if (!scope.isEmpty()) {
            form.put("scope", scope); // Keycloak answers invalid_scope to an empty one
        }
        return tokenResponse(issuer() + "/protocol/openid-connect/token", form);
    }

    /** The response of the token endpoint to a password grant (the user's ID token when scope has openid). */
    public Map<String, Object> password(String clientId, String username, String password, String scope) {
        return tokenResponse(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password, "scope", scope));
    }

    /**
     * Rotates the realm's RS256 signing key as an administrator does in the console (Realm settings >
     * Keys > Add provider): a new generated key with a higher priority signs from now on; the old one
     * stays published.
     */
    public void rotateSigningKey() {
        String admin = (String) tokenResponse(
                "http://127.0.0.1:" + port + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN,
                        "password", ADMIN_PASSWORD)).get("access_token");
        String realmId = (String) json(ItServer.send(HttpRequest.newBuilder(adminUri(""))
                .header("Authorization", "Bearer " + admin))).get("id");
        String component = "{\"name\":\"rsa-rotated-" + rotations + "\",\"providerId\":\"rsa-generated\","
                + "\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + realmId + "\","
                + "\"config\":{\"priority\":[\"" + (200 + ++rotations) + "\"],"
                + "\"keySize\":[\"2048\"],\"algorithm\":[\"RS256\"],\"active\":[\"true\"],\"enabled\":[\"true\"]}}";
        HttpResponse<String> created = ItServer.send(HttpRequest.newBuilder(adminUri("/components"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(component)));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the new key provider: " + created.statusCode() + " "
                    + created.body());
        }
    }

    private URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/admin/realms/" + REALM + path);
    }

    private static Map<String, Object> tokenResponse(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = ItServer.send(HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak token endpoint answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json(response);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonUtil.parseJson(response.body());
        } catch (JoseException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    private void awaitRealm(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                        + ": see target/keycloak-logs/keycloak.log");
            }
            try {
                if (ItServer.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2))).statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // Still starting.
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + timeout
                + ": see target/keycloak-logs/keycloak.log");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
