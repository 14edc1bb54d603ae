package dev.jwksguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The audit trail's JSON lines, in a file the audit logger was routed to (docs/operations.md). */
public final class AuditLines {

    private AuditLines() {
    }

    /**
     * The lines of {@code subject} in {@code file}, once there are {@code count} of them: a handler
     * may write a line after the client got its answer. Fails with what is there after 30 s.
     */
    public static List<JsonObject> await(Path file, String subject, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<JsonObject> lines = List.of();
        while (Instant.now().isBefore(deadline)) {
            lines = of(file, subject);
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(lines).as("audit lines of " + subject + " in " + file).hasSize(count);
        return lines;
    }

    public static JsonObject parse(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    private static List<JsonObject> of(Path file, String subject) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.contains(subject)).map(AuditLines::parse)
                    .filter(line -> subject.equals(line.getString("subject", null))).toList();
        } catch (IOException notWrittenYet) {
            return List.of();
        }
    }
}
