package dev.jwksguard.notes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A caller's note; {@code owner} is the token subject that wrote it. */
@Entity
@Table(name = "JG_NOTE", indexes = @Index(name = "JG_NOTE_OWNER", columnList = "OWNER"))
@NamedQuery(name = Note.BY_OWNER, query = "SELECT n FROM Note n WHERE n.owner = :owner ORDER BY n.id")
public class Note {

    static final String BY_OWNER = "Note.byOwner";
    static final int MAX_TEXT = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "OWNER", nullable = false, length = 255)
    private String owner;

    @Column(name = "TEXT", nullable = false, length = MAX_TEXT)
    private String text;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected Note() {
    }

    Note(String owner, String text, Instant createdAt) {
        this.owner = owner;
        this.text = text;
        this.createdAt = createdAt;
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
        return createdAt;
    }
}
