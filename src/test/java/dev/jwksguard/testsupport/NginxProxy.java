package dev.jwksguard.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * nginx from Debian's packages as a reverse proxy in front of two instances, configured by the
 * project's server-config/nginx/jwks-guard.conf, on 127.0.0.1, in a directory of its own.
 */
public final class NginxProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private NginxProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The nginx binary, if this machine has one (.ci/run installs Debian's nginx-light). */
    public static Optional<Path> binary() {
        return Stream.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx").map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    /** Listens on {@code port} (see {@link #FreePort.onLoopback()}), so that the instances can be told the public URL first. */
    public static NginxProxy start(Path nginx, Path directory, int port, int instanceA, int instanceB)
            throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("temp"));
        String site = Files.readString(Path.of("server-config/nginx/jwks-guard.conf"))
                .replace("@INSTANCE_A_PORT@", Integer.toString(instanceA))
                .replace("@INSTANCE_B_PORT@", Integer.toString(instanceB))
                .replace("@PROXY_PORT@", Integer.toString(port));
        Files.writeString(directory.resolve("jwks-guard.conf"), site);
        String temp = directory.resolve("temp").toAbsolutePath().toString();
        Files.writeString(directory.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    include %1$s/jwks-guard.conf;
                }
                """.formatted(directory.toAbsolutePath(), temp));
        Process process = new ProcessBuilder(List.of(nginx.toString(), "-p", directory.toAbsolutePath().toString(),
                "-c", directory.resolve("nginx.conf").toAbsolutePath().toString(),
                "-e", directory.resolve("error.log").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(directory.resolve("nginx.out").toFile()).start();
        NginxProxy proxy = new NginxProxy(process, port);
        proxy.awaitListening(Duration.ofSeconds(10));
        return proxy;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
