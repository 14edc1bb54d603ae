package dev.jwksguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.ListeningSockets;
import dev.jwksguard.testsupport.RestartableServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only what must listen, listens: Payara Micro started as the run command starts it listens on its
 * HTTP port on 127.0.0.1 and nowhere else (no Hazelcast on 6900, no H2 TCP server). And it starts
 * quietly: no certificate dumps, no echo of the boot commands, no WARNING but the one Payara 7 keeps.
 */
class ListenersIT {

    @Test
    void payaraWhenServingThenItsOnlyListenerIsHttpOnLoopback() throws Exception {
        ItServer.JWKS.reset();
        Path log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("listeners-it.log");
        Files.deleteIfExists(log);
        try (RestartableServer payara = RestartableServer.start(Files.createTempDirectory("listeners"), log)) {
            // Served: the application is up, with its database (NotesSurviveRestartIT uses it on disk).
            assertThat(ItServer.send(HttpRequest.newBuilder(URI.create(payara.base() + "/api/ping"))).statusCode())
                    .isEqualTo(200);
            int port = URI.create(payara.base()).getPort();

            assertThat(ListeningSockets.of(payara.pid())).containsExactly("127.0.0.1:" + port);
            // An explicit heap, the one in server-config/payara-micro/jvm.properties: without -Xmx
            // Payara Micro takes a quarter of the machine's RAM.
            List<String> commandLine = List.of(Files.readString(Path.of("/proc", Long.toString(payara.pid()),
                    "cmdline")).split("\0"));
            assertThat(commandLine).anyMatch(option -> option.startsWith("-Xmx"))
                    .containsAll(List.of(System.getProperty("payara.jvmOptions").trim().split("\\s+")));
        }
        String written = Files.readString(log);
        assertThat(written).doesNotContain("NCLS-SECURITY-05054").doesNotContain("Boot Command");
        // Payara 7 logs its comparison of the root context "" with "/" at WARNING (6 at INFO): see README.
        assertThat(written.lines().filter(line -> line.contains("WARNING") || line.contains("SEVERE"))
                .filter(line -> !line.contains("Context path from ServletContext")))
                .as("warnings on a normal start").isEmpty();
    }
}
