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

/** {@code create_note}: saves a note for the caller, as {@code POST /api/notes}, with the same limits. */
@ApplicationScoped
public class CreateNoteTool extends NotesTool {

    @Override
    public ToolDeclaration declaration() {
        return new ToolDeclaration("create_note", "Create a note",
                "Saves a new note for the caller and returns it with its id.",
                ToolDeclaration.object(Map.of("text", Map.of("type", "string", "minLength", 1,
                        "maxLength", Note.MAX_TEXT, "description", "The note, 1 to " + Note.MAX_TEXT + " characters")),
                        "text"),
                NoteToolSchemas.NOTE, Optional.of(Roles.WRITE_NOTES), ToolDeclaration.ToolHints.ADDS);
    }

    @Override
    public ToolResult call(McpCaller caller, ToolArguments arguments) throws ToolArgumentException {
        String text = arguments.text("text", Note.MAX_TEXT);
        return ToolResult.of(NoteToolSchemas.view(store.add(owner(caller), text)));
    }
}
