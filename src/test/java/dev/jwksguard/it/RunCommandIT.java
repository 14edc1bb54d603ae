package dev.jwksguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.FreePort;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a newcomer meets it: DevServer (what {@code mvn -Prun} runs) in its
 * own JVM with the development issuer; its printed token works; and when that JVM is killed with
 * SIGKILL, Payara Micro goes too.
 */
class RunCommandIT {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    /** Longer than the run command's own 300 s for Payara's boot, so that the run command says why first. */
    private static final long BOOT_WAIT_SECONDS = 330;

    @TempDir
    Path rundir;

    /** The exploded WAR the war plugin leaves beside the .war, which `mvn -Prun` deploys. */
    private static Path explodedWar() {
        return Path.of(System.getProperty("it.war").replaceFirst("\\.war$", ""));
    }

    /** The run command as `mvn -Prun` starts it, on free ports, with no OAUTH_* of the failsafe environment. */
    private ProcessBuilder runCommand(int httpPort, int issuerPort) {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddevserver.basedir=" + Path.of("").toAbsolutePath(),
                "-Ddevserver.payaraJar=" + System.getProperty("payara.microJar"),
                "-Ddevserver.war=" + explodedWar(),
                "-Ddevserver.preboot=" + Path.of("server-config/payara-micro/preboot.asadmin").toAbsolutePath(),
                "-Ddevserver.jvmOptions=" + System.getProperty("payara.jvmOptions"),
                "-Ddevserver.rundir=" + rundir,
                "-Ddevserver.httpPort=" + httpPort,
                "-Ddevserver.issuerPort=" + issuerPort,
                "dev.jwksguard.devserver.DevServer")).redirectErrorStream(true);
        // A newcomer has no issuer configured: the failsafe environment's must not leak in.
        builder.environment().keySet().removeIf(name -> name.startsWith("OAUTH_"));
        return builder;
    }

    @Test
    void runCommandWhenASettingCannotWorkThenItExitsWithThatOneMessageLast() throws Exception {
        ProcessBuilder builder = runCommand(FreePort.onLoopback(), FreePort.onLoopback());
        // A real issuer, but no audience: the operator's commonest slip.
        builder.environment().put("OAUTH_ISSUER", "https://issuer.test.invalid/");
        builder.environment().put("OAUTH_JWKS_URI", "https://issuer.test.invalid/jwks.json");
        Process launcher = builder.start();
        String output;
        try {
            output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.waitFor(BOOT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        Files.writeString(Files.createDirectories(Path.of("target", "payara-logs")).resolve("run-command-misconfigured.log"),
                output);

        assertThat(launcher.exitValue()).isNotZero();
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        // The user only has to set it and run the command again: no server to redeploy.
        assertThat(lines.get(lines.size() - 1)).startsWith("[devserver] ERROR: JWKS Guard cannot serve:")
                .contains("setting 'oauth.audience' (environment OAUTH_AUDIENCE)")
                .endsWith("and run mvn -Prun again.").doesNotContain("redeployed");
        assertThat(output).doesNotContain("JWKS Guard is running at");
    }

    @Test
    void runCommandWhenStartedThenDevTokenServedAndWhenKilledThenPayaraStopsToo() throws Exception {
        int httpPort = FreePort.onLoopback();
        int issuerPort = FreePort.onLoopback();
        Path log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("run-command-it.log");
        Process launcher = runCommand(httpPort, issuerPort).start();
        CompletableFuture<String> running = new CompletableFuture<>();
        copyOutput(launcher, log, running);
        List<ProcessHandle> payara = List.of();
        try {
            running.get(BOOT_WAIT_SECONDS, TimeUnit.SECONDS);
            // Printed in the same block, just after the line that completed the wait.
            String mcpLine = "MCP endpoint (ChatGPT, MCP Inspector): http://localhost:" + httpPort + "/mcp";
            for (int i = 0; i < 50 && !Files.readString(log).contains(mcpLine); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains(mcpLine);
            // What a user should read, not Payara's own expired CA certificates dumped at every start.
            assertThat(Files.readString(log)).doesNotContain("NCLS-SECURITY-05054").doesNotContain("has expired");
            payara = launcher.children().toList();
            assertThat(payara).as("Payara Micro runs as the launcher's child").hasSize(1);

            // As a newcomer would: the issuer called as localhost, the API as 127.0.0.1.
            String token = devToken("http://localhost:" + issuerPort + "/dev/token", "");
            HttpResponse<String> me = ItServer.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/me")).header("Authorization", "Bearer " + token));
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            String admin = devToken("http://127.0.0.1:" + issuerPort + "/dev/token", "&scope=admin:jwks");
            HttpResponse<String> keys = ItServer.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/admin/jwks")).header("Authorization", "Bearer " + admin));
            assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
            assertThat(ItServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/admin/jwks"))
                    .header("Authorization", "Bearer " + token)).statusCode()).isEqualTo(403);

            // The scopes asked for are the scopes granted, so a step-up can be tried locally; a token for
            // the MCP endpoint alone (RFC 8707 resource) opens /mcp, one for the API alone does not, and
            // the default one opens both.
            String api = "http://127.0.0.1:" + httpPort;
            String reader = devToken("http://127.0.0.1:" + issuerPort + "/dev/token", "&scope=read:notes");
            assertThat(ItServer.send(HttpRequest.newBuilder(URI.create(api + "/api/notes"))
                    .header("Authorization", "Bearer " + reader)).statusCode()).isEqualTo(200);
            assertThat(ItServer.send(HttpRequest.newBuilder(URI.create(api + "/api/notes"))
                    .header("Authorization", "Bearer " + reader).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"no\"}"))).statusCode()).isEqualTo(403);
            String mcpToken = devToken("http://127.0.0.1:" + issuerPort + "/dev/token",
                    "&resource=http://localhost:" + httpPort + "/mcp");
            String apiToken = devToken("http://127.0.0.1:" + issuerPort + "/dev/token",
                    "&resource=http://localhost:" + httpPort + "/");
            String toolsList = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
            for (String[] tokenAndStatus : new String[][] {{mcpToken, "200"}, {token, "200"}, {apiToken, "401"}}) {
                HttpResponse<String> listed = ItServer.send(HttpRequest.newBuilder(URI.create(api + "/mcp"))
                        .header("Authorization", "Bearer " + tokenAndStatus[0])
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(toolsList)));
                assertThat(listed.statusCode()).as(listed.body()).isEqualTo(Integer.parseInt(tokenAndStatus[1]));
            }

            // A short-lived token on request, for trying expiry; a lifetime out of range is refused.
            long expiresAt = expiry(devToken("http://127.0.0.1:" + issuerPort + "/dev/token", "&expires_in=30"));
            assertThat(expiresAt - Instant.now().getEpochSecond()).isBetween(25L, 30L);
            assertThat(expiry(token) - Instant.now().getEpochSecond()).isGreaterThan(3000L);
            HttpResponse<String> tooLong = ItServer.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + issuerPort + "/dev/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=dev&client_secret=dev&expires_in=86400")));
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.body()).contains("invalid_request").contains("expires_in");

            // mvn -Predeploy, whose last step is this touch: redeployed in place, the same issuer's
            // token still works and the notes are still there.
            HttpResponse<String> noted = ItServer.send(HttpRequest.newBuilder(URI.create(api + "/api/notes"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"kept across a redeploy\"}")));
            assertThat(noted.statusCode()).as(noted.body()).isEqualTo(201);
            Path reload = explodedWar().resolve(".reload");
            Files.writeString(reload, "");
            Files.setLastModifiedTime(reload, java.nio.file.attribute.FileTime.from(Instant.now()));
            Instant deadline = Instant.now().plusSeconds(120);
            while (!Files.readString(log).contains("[devserver] Redeployed in") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("[devserver] Redeployed in");
            HttpResponse<String> afterRedeploy = ItServer.send(HttpRequest.newBuilder(URI.create(api + "/api/notes"))
                    .header("Authorization", "Bearer " + token));
            assertThat(afterRedeploy.statusCode()).as(afterRedeploy.body()).isEqualTo(200);
            assertThat(afterRedeploy.body()).contains("kept across a redeploy");

            launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
            boolean payaraGone = payara.get(0).onExit().thenApply(ended -> true)
                    .completeOnTimeout(false, 30, TimeUnit.SECONDS).get();
            assertThat(payaraGone).as("Payara Micro ended with its launcher").isTrue();
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            payara.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void runCommandWhenTheKeysCannotBeFetchedThenTheBannerSaysNotReadyAndWhyThenSaysWhenReady() throws Exception {
        ItServer.JWKS.reset();
        ItServer.JWKS.mode(JwksStub.Mode.STATUS_500);
        int httpPort = FreePort.onLoopback();
        ProcessBuilder builder = runCommand(httpPort, FreePort.onLoopback());
        builder.environment().put("OAUTH_ISSUER", "https://issuer.test.invalid/");
        builder.environment().put("OAUTH_AUDIENCE", "https://api.test.invalid/");
        builder.environment().put("OAUTH_JWKS_URI", ItServer.JWKS.uri());
        Path log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("run-command-not-ready.log");
        Files.deleteIfExists(log);
        Process launcher = builder.start();
        CompletableFuture<String> banner = new CompletableFuture<>();
        copyOutput(launcher, log, banner);
        try {
            String headline = banner.get(BOOT_WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(headline).startsWith("JWKS Guard is NOT READY at http://localhost:" + httpPort + "/")
                    .contains("500 Internal Server Error");
            String doctor = "mvn -Pdoctor -Doauth.issuer=https://issuer.test.invalid/ -Doauth.jwks.uri=" + ItServer.JWKS.uri();
            for (int i = 0; i < 50 && !Files.readString(log).contains(doctor); i++) {
                Thread.sleep(100); // the banner's next lines, printed with the headline
            }
            assertThat(Files.readString(log)).as("the banner names the doctor").contains(doctor);
            assertThat(ItServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/me"))
                    .header("Authorization", "Bearer " + TestTokens.valid().sign())).statusCode()).isEqualTo(503);

            ItServer.JWKS.reset(); // the issuer is back: the background retry fetches within its backoff
            String ready = "[devserver] JWKS Guard is ready now: JWKS Guard is running at http://localhost:" + httpPort + "/";
            for (int i = 0; i < 900 && !Files.readString(log).contains(ready); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains(ready);
        } finally {
            ItServer.JWKS.reset();
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void runCommandWhenRestartedThenTheAppIsDeployedOnceAndTheNotesAreStillThere() throws Exception {
        int httpPort = FreePort.onLoopback();
        int issuerPort = FreePort.onLoopback();
        String api = "http://127.0.0.1:" + httpPort;
        Path logs = Files.createDirectories(Path.of("target", "payara-logs"));
        for (int run = 1; run <= 2; run++) {
            Path log = logs.resolve("run-command-restart-" + run + ".log");
            Files.deleteIfExists(log);
            Process launcher = runCommand(httpPort, issuerPort).start();
            CompletableFuture<String> banner = new CompletableFuture<>();
            copyOutput(launcher, log, banner);
            try {
                assertThat(banner.get(BOOT_WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("JWKS Guard is running at");
                String token = devToken("http://127.0.0.1:" + issuerPort + "/dev/token", "");
                if (run == 1) {
                    assertThat(ItServer.send(HttpRequest.newBuilder(URI.create(api + "/api/notes"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"kept across restarts\"}")))
                            .statusCode()).isEqualTo(201);
                } else {
                    assertThat(ItServer.send(HttpRequest.newBuilder(URI.create(api + "/api/notes"))
                            .header("Authorization", "Bearer " + token)).body()).contains("kept across restarts");
                    try (var lines = Files.lines(log)) {
                        assertThat(lines.filter(line -> line.contains("JWKS Guard trusts issuer")).count())
                                .as("deployments of the app in the second run").isEqualTo(1);
                    }
                }
                launcher.destroy(); // as Ctrl-C: the shutdown hook stops Payara, which closes the database
                assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
    }

    private static long expiry(String token) throws Exception {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return ((Number) org.jose4j.json.JsonUtil.parseJson(payload).get("exp")).longValue();
    }

    /** A client-credentials token from the development issuer, as the printed curl fetches it. */
    private static String devToken(String tokenEndpoint, String extraParameters) {
        HttpResponse<String> response = ItServer.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=dev&client_secret=dev" + extraParameters)));
        Matcher token = TOKEN.matcher(response.body());
        assertThat(token.find()).as(response.body()).isTrue();
        return token.group(1);
    }

    /** Copies the run command's output to {@code log}; {@code banner} gets the banner's headline, ready or not. */
    private static void copyOutput(Process process, Path log, CompletableFuture<String> banner) {
        Thread copier = new Thread(() -> {
            String said = "nothing";
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (line.startsWith("JWKS Guard is running at") || line.startsWith("JWKS Guard is NOT READY at")) {
                        banner.complete(line);
                    } else if (line.startsWith("[devserver] ERROR")) {
                        said = line;
                    }
                }
                // CI shows this message, not the log: it must carry the run command's own reason.
                banner.completeExceptionally(new IllegalStateException(
                        "the run command ended, saying " + said + "; see " + log));
            } catch (IOException e) {
                banner.completeExceptionally(e);
            }
        }, "run-command-output");
        copier.setDaemon(true);
        copier.start();
    }
}
