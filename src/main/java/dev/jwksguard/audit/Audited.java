package dev.jwksguard.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST method whose every call, allowed or refused, writes one audit line (a write, or an
 * operator's action): {@link AuditFilter} reads it. MCP tools need none: every tool that is not
 * read-only is audited.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** The action's name in the audit line, e.g. {@code create_note}. */
    String value();
}
