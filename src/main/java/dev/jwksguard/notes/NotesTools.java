package dev.jwksguard.notes;

import dev.jwksguard.auth.Roles;
import dev.jwksguard.mcp.McpCaller;
import dev.jwksguard.mcp.ScopedTool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The notes as MCP tools, with the REST API's store, owners and limits: each caller sees only
 * their own notes, and another caller's note is "No such note", as the REST API's 404.
 */
@ApplicationScoped
public class NotesTools {

    private static final String NOT_FOUND = "No such note";

    private static final Map<String, Object> ID = Map.of("type", "integer", "minimum", 1,
            "maximum", 999_999_999_999_999_999L, "description", "The note's id, as list_notes gives it");

    @Inject
    NoteStore store;

    @Inject
    NoteOwners owners;

    public List<SyncToolSpecification> tools(McpJsonMapper json) {
        return List.of(
                ScopedTool.of(new ScopedTool.Declaration("list_notes", "List my notes",
                                "The caller's own notes, oldest first.", schema(Map.of(), List.of()), Set.of(),
                                Optional.of(Roles.READ_NOTES), reading()),
                        (caller, arguments) -> ScopedTool.structured(json, Map.of("notes",
                                store.list(owner(caller)).stream().map(NotesTools::view).toList()))),
                ScopedTool.of(new ScopedTool.Declaration("get_note", "Get a note",
                                "One of the caller's notes by id.", schema(Map.of("id", ID), List.of("id")), Set.of("id"),
                                Optional.of(Roles.READ_NOTES), reading()),
                        (caller, arguments) -> found(json, store.find(owner(caller), arguments.id("id")))),
                ScopedTool.of(new ScopedTool.Declaration("create_note", "Create a note",
                                "Saves a new note for the caller and returns it with its id.",
                                schema(Map.of("text", Map.of("type", "string", "minLength", 1, "maxLength", Note.MAX_TEXT,
                                        "description", "The note, 1 to " + Note.MAX_TEXT + " characters")), List.of("text")),
                                Set.of("text"), Optional.of(Roles.WRITE_NOTES),
                                ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false)
                                        .idempotentHint(false).openWorldHint(false).build()),
                        (caller, arguments) -> ScopedTool.structured(json,
                                view(store.add(owner(caller), arguments.text("text", Note.MAX_TEXT))))),
                ScopedTool.of(new ScopedTool.Declaration("delete_note", "Delete a note",
                                "Deletes one of the caller's notes by id.", schema(Map.of("id", ID), List.of("id")),
                                Set.of("id"), Optional.of(Roles.WRITE_NOTES),
                                ToolAnnotations.builder().readOnlyHint(false).destructiveHint(true)
                                        .idempotentHint(true).openWorldHint(false).build()),
                        (caller, arguments) -> store.delete(owner(caller), arguments.id("id"))
                                ? ScopedTool.structured(json, Map.of("deleted", arguments.id("id")))
                                : ScopedTool.error(NOT_FOUND)));
    }

    private String owner(McpCaller caller) {
        return owners.of(caller.token());
    }

    private static CallToolResult found(McpJsonMapper json, Optional<Note> note) {
        return note.map(found -> ScopedTool.structured(json, view(found))).orElseGet(() -> ScopedTool.error(NOT_FOUND));
    }

    private static Map<String, Object> view(Note note) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", note.id());
        view.put("text", note.text());
        view.put("createdAt", note.createdAt().toString());
        return view;
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ToolAnnotations reading() {
        return ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true).openWorldHint(false).build();
    }
}
