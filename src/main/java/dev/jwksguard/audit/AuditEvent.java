package dev.jwksguard.audit;

import java.util.Optional;

/**
 * One audited action: what was done, through which surface, to which object, and how it ended.
 * Who did it comes from the verified token; the time and the request id from the request.
 *
 * @param surface {@code rest} or {@code mcp}
 * @param action  the REST action or the MCP tool, e.g. {@code create_note}
 * @param object  the id of the object acted on, when there is one
 * @param outcome {@code success}, or why not: {@code not_found}, {@code invalid}, {@code insufficient_scope},
 *                {@code rate_limited}, {@code error}
 */
public record AuditEvent(String surface, String action, Optional<String> object, String outcome) {

    public static final String REST = "rest";
    public static final String MCP = "mcp";
}
