package dev.jwksguard.notes;

import dev.jwksguard.Roles;
import dev.jwksguard.mcp.McpCaller;
import dev.jwksguard.mcp.ToolArguments;
import dev.jwksguard.mcp.ToolDeclaration;
import dev.jwksguard.mcp.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@code list_notes}: the caller's own notes, as {@code GET /api/notes}. */
@ApplicationScoped
public class ListNotesTool extends NotesTool {

    @Override
    public ToolDeclaration declaration() {
        return new ToolDeclaration("list_notes", "List my notes", "The caller's own notes, oldest first.",
                ToolDeclaration.object(Map.of()), NoteToolSchemas.NOTE_LIST, Optional.of(Roles.READ_NOTES),
                ToolDeclaration.ToolHints.READ_ONLY);
    }

    @Override
    public ToolResult call(McpCaller caller, ToolArguments arguments) {
        return ToolResult.of(NoteToolSchemas.list(store.list(owner(caller))));
    }
}
