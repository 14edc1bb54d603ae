package dev.jwksguard.notes;

import dev.jwksguard.auth.Caller;
import dev.jwksguard.Roles;
import dev.jwksguard.audit.Audited;
import dev.jwksguard.openapi.OpenApiDocumentFilter;
import dev.jwksguard.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Each caller's own notes: read:notes to read, write:notes to write. */
@Path("notes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    /**
     * The body of a POST. A class, not a record: Payara's OpenAPI scanner fails with a
     * NullPointerException on Bean Validation annotations of record components (6.2025.10).
     */
    public static class NewNote {

        @NotBlank
        @Size(max = Note.MAX_TEXT)
        private String text;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    public record NoteView(long id, String text, Instant createdAt) {
        static NoteView of(Note note) {
            return new NoteView(note.id(), note.text(), note.createdAt());
        }
    }

    @Inject
    NoteStore store;

    @Inject
    NoteOwners owners;

    @Context
    SecurityContext securityContext;

    @Operation(operationId = "listNotes", summary = "The caller's notes, oldest first")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.READ_NOTES)
    @GET
    @RolesAllowed(Roles.READ_NOTES)
    public List<NoteView> list() {
        return store.list(owner()).stream().map(NoteView::of).toList();
    }

    @Operation(operationId = "createNote", summary = "Save a new note for the caller")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.WRITE_NOTES)
    @POST
    @RolesAllowed(Roles.WRITE_NOTES)
    @Audited("create_note")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull NewNote note, @Context UriInfo uriInfo) {
        Note saved = store.add(owner(), note.getText());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(saved.id().toString()).build())
                .entity(NoteView.of(saved))
                .build();
    }

    @Operation(operationId = "getNote", summary = "One of the caller's notes")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.READ_NOTES)
    @GET
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Roles.READ_NOTES)
    public Response get(@PathParam("id") long id) {
        return store.find(owner(), id)
                .map(note -> Response.ok(NoteView.of(note)).build())
                .orElseGet(NotesResource::notFound);
    }

    @Operation(operationId = "deleteNote", summary = "Delete one of the caller's notes")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.WRITE_NOTES)
    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Roles.WRITE_NOTES)
    @Audited("delete_note")
    public Response delete(@PathParam("id") long id) {
        return store.delete(owner(), id) ? Response.noContent().build() : notFound();
    }

    private String owner() {
        return owners.of(Caller.of(securityContext));
    }

    private static Response notFound() {
        return Problem.of(404, "No such note").toResponse().build();
    }
}
