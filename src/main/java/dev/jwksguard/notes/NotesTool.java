package dev.jwksguard.notes;

import dev.jwksguard.mcp.McpCaller;
import dev.jwksguard.mcp.McpTool;
import jakarta.inject.Inject;

/** What the notes tools share: the REST API's store, and its owners, so that each caller sees only their own notes. */
abstract class NotesTool implements McpTool {

    @Inject
    NoteStore store;

    @Inject
    NoteOwners owners;

    String owner(McpCaller caller) {
        return owners.of(caller.token());
    }
}
