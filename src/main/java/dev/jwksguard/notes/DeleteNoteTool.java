package dev.jwksguard.notes;

import dev.jwksguard.Roles;
import dev.jwksguard.mcp.McpCaller;
import dev.jwksguard.mcp.ToolArgumentException;
import dev.jwksguard.mcp.ToolArguments;
import dev.jwksguard.mcp.ToolDeclaration;
import dev.jwksguard.mcp.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@code delete_note}: deletes one of the caller's notes, as {@code DELETE /api/notes/{id}}. */
@ApplicationScoped
public class DeleteNoteTool extends NotesTool {

    @Override
    public ToolDeclaration declaration() {
        return new ToolDeclaration("delete_note", "Delete a note", "Deletes one of the caller's notes by id.",
                ToolDeclaration.object(Map.of("id", NoteToolSchemas.ID), "id"),
                ToolDeclaration.object(Map.of("deleted", Map.of("type", "integer")), "deleted"),
                Optional.of(Roles.WRITE_NOTES), ToolDeclaration.ToolHints.REMOVES);
    }

    @Override
    public ToolResult call(McpCaller caller, ToolArguments arguments) throws ToolArgumentException {
        long id = arguments.id("id");
        return store.delete(owner(caller), id) ? ToolResult.of(Map.of("deleted", id))
                : ToolResult.notFound(NoteToolSchemas.NOT_FOUND);
    }
}
