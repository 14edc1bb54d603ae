package dev.jwksguard.notes;

import dev.jwksguard.auth.Caller;
import dev.jwksguard.auth.Roles;
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

/** Each caller's own notes: read:notes to read, write:notes to write. */
@Path("notes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    public record NewNote(@NotBlank @Size(max = Note.MAX_TEXT) String text) {
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

    @GET
    @RolesAllowed(Roles.READ_NOTES)
    public List<NoteView> list() {
        return store.list(owner()).stream().map(NoteView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.WRITE_NOTES)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull NewNote note, @Context UriInfo uriInfo) {
        Note saved = store.add(owner(), note.text());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(saved.id().toString()).build())
                .entity(NoteView.of(saved))
                .build();
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Roles.READ_NOTES)
    public Response get(@PathParam("id") long id) {
        return store.find(owner(), id)
                .map(note -> Response.ok(NoteView.of(note)).build())
                .orElseGet(NotesResource::notFound);
    }

    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Roles.WRITE_NOTES)
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
