package dev.jwksguard.notes;

import dev.jwksguard.mcp.ToolDeclaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the notes tools share: a note as the tools show it, its schema, and the id argument. */
final class NoteToolSchemas {

    static final String NOT_FOUND = "No such note";

    static final Map<String, Object> ID = Map.of("type", "integer", "minimum", 1,
            "maximum", 999_999_999_999_999_999L, "description", "The note's id, as list_notes gives it");

    /** One note: the structured content of get_note and create_note, an item of list_notes. */
    static final Map<String, Object> NOTE = ToolDeclaration.object(Map.of(
            "id", Map.of("type", "integer"),
            "text", Map.of("type", "string"),
            "createdAt", Map.of("type", "string", "format", "date-time")), "id", "text", "createdAt");

    static final Map<String, Object> NOTE_LIST = ToolDeclaration.object(Map.of(
            "notes", Map.of("type", "array", "items", NOTE)), "notes");

    private NoteToolSchemas() {
    }

    static Map<String, Object> view(Note note) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", note.id());
        view.put("text", note.text());
        view.put("createdAt", note.createdAt().toString());
        return view;
    }

    static Map<String, Object> list(List<Note> notes) {
        return Map.of("notes", notes.stream().map(NoteToolSchemas::view).toList());
    }
}
