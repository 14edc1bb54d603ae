package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.NotesOnPostgres;
import dev.jwksguard.testsupport.RestartableServer;
import dev.jwksguard.testsupport.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scaled out: two Payara Micro instances that share nothing but a real PostgreSQL (on 127.0.0.1),
 * configured by server-config/payara-micro/postgresql.asadmin with the application unchanged. A
 * note written through one is read through the other, and each verifies tokens on its own.
 */
class TwoInstancesOnPostgresIT {

    @Test
    void noteWhenWrittenThroughOneInstanceThenReadThroughTheOtherFromPostgres() throws Exception {
        try (EmbeddedPostgres postgres = NotesOnPostgres.start()) {
            Map<String, String> database = NotesOnPostgres.environment(postgres);
            List<String> withPostgres = NotesOnPostgres.payaraOptions();
            Path logs = Files.createDirectories(Path.of("target", "payara-logs"));
            JWKS.reset();
            String token = TestTokens.valid().subject("scaled-out").scope("read:notes write:notes").sign();

            try (RestartableServer a = RestartableServer.start(Files.createTempDirectory("instance-a"),
                         logs.resolve("postgres-instance-a.log"), database, withPostgres);
                 RestartableServer b = RestartableServer.start(Files.createTempDirectory("instance-b"),
                         logs.resolve("postgres-instance-b.log"), database, withPostgres)) {
                HttpResponse<String> created = ItServer.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/notes"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"written through A\"}")));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

                HttpResponse<String> readThroughB = ItServer.send(HttpRequest.newBuilder(URI.create(b.base() + "/api/notes"))
                        .header("Authorization", "Bearer " + token));
                assertThat(readThroughB.statusCode()).isEqualTo(200);
                assertThat(readThroughB.body()).contains("written through A");

                // Each instance fetched the keys itself, once, at its start: no shared key cache.
                assertThat(JWKS.requests()).isEqualTo(2);
            }
            assertThat(NotesOnPostgres.texts(postgres)).containsExactly("written through A");
        }
    }
}
