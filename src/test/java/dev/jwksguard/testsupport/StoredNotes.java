package dev.jwksguard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The notes' texts as PostgreSQL holds them, oldest first: what the instances wrote, read past them. */
public final class StoredNotes {

    private StoredNotes() {
    }

    public static List<String> in(EmbeddedPostgres postgres) throws SQLException {
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
