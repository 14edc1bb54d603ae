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

/** {@code get_note}: one of the caller's notes; another caller's is "No such note", as the REST API's 404. */
@ApplicationScoped
public class GetNoteTool extends NotesTool {

    @Override
    public ToolDeclaration declaration() {
        return new ToolDeclaration("get_note", "Get a note", "One of the caller's notes by id.",
                ToolDeclaration.object(Map.of("id", NoteToolSchemas.ID), "id"), NoteToolSchemas.NOTE,
                Optional.of(Roles.READ_NOTES), ToolDeclaration.ToolHints.READ_ONLY);
    }

    @Override
    public ToolResult call(McpCaller caller, ToolArguments arguments) throws ToolArgumentException {
        return store.find(owner(caller), arguments.id("id"))
                .map(note -> ToolResult.of(NoteToolSchemas.view(note)))
                .orElseGet(() -> ToolResult.notFound(NoteToolSchemas.NOT_FOUND));
    }
}
