package dev.jwksguard.notes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Notes in the container's default datasource, always scoped to one owner. */
@ApplicationScoped
@Transactional
public class NoteStore {

    @PersistenceContext(unitName = "notes")
    EntityManager entityManager;

    public List<Note> list(String owner) {
        return entityManager.createNamedQuery(Note.BY_OWNER, Note.class).setParameter("owner", owner).getResultList();
    }

    public Note add(String owner, String text) {
        // What the database keeps (TIMESTAMP: microseconds), so the note reads the same after a restart.
        Note note = new Note(owner, text, Instant.now().truncatedTo(ChronoUnit.MICROS));
        entityManager.persist(note);
        entityManager.flush();
        return note;
    }

    /** Another owner's note is reported as absent, never as forbidden. */
    public Optional<Note> find(String owner, long id) {
        return Optional.ofNullable(entityManager.find(Note.class, id)).filter(note -> note.owner().equals(owner));
    }

    public boolean delete(String owner, long id) {
        Optional<Note> note = find(owner, id);
        note.ifPresent(entityManager::remove);
        return note.isPresent();
    }
}
