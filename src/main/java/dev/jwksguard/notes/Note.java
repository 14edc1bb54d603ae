package dev.jwksguard.notes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A caller's note; {@code owner} is the token subject that wrote it. */
@Entity
@Table(name = "JG_NOTE", indexes = @Index(name = "JG_NOTE_OWNER", columnList = "OWNER"))
@NamedQuery(name = Note.BY_OWNER, query = "SELECT n FROM Note n WHERE n.owner = :owner ORDER BY n.id")
public class Note {

    static final String BY_OWNER = "Note.byOwner";
    static final int MAX_TEXT = 1000;

    @Id
    // A table generator works the same on every provider and database; ids go up by one.
    @TableGenerator(name = "JG_NOTE_IDS", table = "JG_ID", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "JG_NOTE_IDS")
    private Long id;

    @Column(name = "OWNER", nullable = false, length = NoteOwners.MAX_OWNER)
    private String owner;

    @Column(name = "TEXT", nullable = false, length = MAX_TEXT)
    private String text;

    // UTC; LocalDateTime maps to a TIMESTAMP column on every JPA provider.
    @Column(name = "CREATED_AT", nullable = false)
    private LocalDateTime createdAt;

    protected Note() {
    }

    Note(String owner, String text, Instant createdAt) {
        this.owner = owner;
        this.text = text;
        this.createdAt = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
    }

    Long id() {
        return id;
    }

    String owner() {
        return owner;
    }

    String text() {
        return text;
    }

    Instant createdAt() {
        return createdAt.toInstant(ZoneOffset.UTC);
    }
}
