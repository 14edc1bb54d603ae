package dev.jwksguard.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro started the way the run command starts it (same preboot file, a kept --rootdir),
 * for tests about what survives a restart. Configured by the inherited OAUTH_* environment.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private PayaraMicroProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PayaraMicroProcess start(Path rootdir, Path log) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("payara.microJar"),
                "--nocluster", "--deploy", System.getProperty("it.war"), "--contextroot", "/",
                "--port", Integer.toString(port),
                "--prebootcommandfile", Path.of("server-config/payara-micro/preboot.asadmin").toAbsolutePath().toString(),
                "--rootdir", rootdir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long logOffset = Files.exists(log) ? Files.size(log) : 0;
        PayaraMicroProcess payara = new PayaraMicroProcess(builder.start(), port);
        payara.awaitServing(log, logOffset, Duration.ofSeconds(120));
        return payara;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Waits for Payara's "ready" line, then for the application to answer: with a kept root dir,
     * Payara first starts the previous run's copy and only then redeploys the WAR.
     */
    private void awaitServing(Path log, long logOffset, Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue());
            }
            if (!bootFinished(log, logOffset)) {
                Thread.sleep(500);
                continue;
            }
            try {
                HttpResponse<String> response = ItServer.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + "/.well-known/oauth-protected-resource")).timeout(Duration.ofSeconds(2)));
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not serve the application within " + timeout);
    }

    private static boolean bootFinished(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String fresh = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
        return fresh.contains(" ready in ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
