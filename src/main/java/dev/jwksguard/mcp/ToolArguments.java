package dev.jwksguard.mcp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, checked against the tool's input schema by hand: the SDK does not
 * validate them, and a bad argument must be a tool error, never a 500 and never a changed store.
 */
public final class ToolArguments {

    private final Map<String, Object> values;

    private ToolArguments(Map<String, Object> values) {
        this.values = values;
    }

    /** @throws ToolArgumentException an argument the schema does not name (additionalProperties: false) */
    static ToolArguments of(Map<String, Object> values, Set<String> allowed) throws ToolArgumentException {
        Map<String, Object> given = values == null ? Map.of() : values;
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ToolArgumentException("Unknown argument(s) " + unknown + "; this tool takes " + new TreeSet<>(allowed));
        }
        return new ToolArguments(given);
    }

    /** A positive whole number of at most 18 digits, as the REST API's note ids. */
    public long id(String name) throws ToolArgumentException {
        Object value = values.get(name);
        if (value instanceof Number number) {
            BigDecimal exact = new BigDecimal(number.toString());
            if (exact.signum() > 0 && exact.stripTrailingZeros().scale() <= 0
                    && exact.compareTo(BigDecimal.valueOf(999_999_999_999_999_999L)) <= 0) {
                return exact.longValueExact();
            }
        }
        throw new ToolArgumentException("'" + name + "' must be a positive whole number");
    }

    /** A string with at least one non-blank character and at most {@code maxLength} characters. */
    public String text(String name, int maxLength) throws ToolArgumentException {
        if (!(values.get(name) instanceof String text) || text.isBlank()) {
            throw new ToolArgumentException("'" + name + "' must be a non-blank string");
        }
        if (text.length() > maxLength) {
            throw new ToolArgumentException("'" + name + "' must be at most " + maxLength + " characters");
        }
        return text;
    }
}
