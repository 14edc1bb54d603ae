package dev.jwksguard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro instances keeping their notes in a real PostgreSQL, as an operator sets it up with
 * server-config/payara-micro/postgresql.asadmin; and the notes as PostgreSQL holds them.
 */
public final class NotesOnPostgres {

    private NotesOnPostgres() {
    }

    /** A PostgreSQL on 127.0.0.1 only. */
    public static EmbeddedPostgres start() throws java.io.IOException {
        return EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    /** The environment that points an instance at it. */
    public static Map<String, String> environment(EmbeddedPostgres postgres) {
        return Map.of(
                "NOTES_DB_HOST", "127.0.0.1",
                "NOTES_DB_PORT", Integer.toString(postgres.getPort()),
                "NOTES_DB_NAME", "postgres",
                "NOTES_DB_USER", "postgres",
                "NOTES_DB_PASSWORD", "postgres");
    }

    /** The Payara Micro options that make it use it: the project's post-boot script and the driver. */
    public static List<String> payaraOptions() {
        return List.of(
                "--postbootcommandfile", Path.of("server-config/payara-micro/postgresql.asadmin").toAbsolutePath().toString(),
                "--addlibs", Path.of("target/jdbc/postgresql.jar").toAbsolutePath().toString());
    }

    /** The notes' texts, oldest first: what the instances wrote, read past them. */
    public static List<String> texts(EmbeddedPostgres postgres) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT TEXT FROM JG_NOTE ORDER BY ID")) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }
}
