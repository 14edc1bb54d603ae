package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.RestartableServer;
import dev.jwksguard.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes are kept in the server's embedded database: a restart with the same root dir keeps them. */
class NotesSurviveRestartIT {

    @TempDir
    Path rootdir;

    @Test
    void notesWhenServerRestartedWithSameRootDirThenStillListed() throws Exception {
        JWKS.reset();
        String token = TestTokens.valid().subject("restart-user").sign();
        Path log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("restart-it.log");

        Object createdAt;
        try (RestartableServer first = RestartableServer.start(rootdir, log)) {
            HttpResponse<String> created = ItServer.send(HttpRequest.newBuilder(URI.create(first.base() + "/api/notes"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"kept across restarts\"}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            createdAt = ItServer.json(created).get("createdAt");
        }

        try (RestartableServer second = RestartableServer.start(rootdir, log)) {
            HttpResponse<String> listed = ItServer.send(HttpRequest.newBuilder(URI.create(second.base() + "/api/notes"))
                    .header("Authorization", "Bearer " + token));
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("kept across restarts");
            // To the digit: what the client was told at creation is what the database kept.
            assertThat(listed.body()).contains("\"createdAt\":\"" + createdAt + "\"");
        }
    }
}
