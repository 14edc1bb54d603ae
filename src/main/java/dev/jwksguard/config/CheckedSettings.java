package dev.jwksguard.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The families of settings that read and checked without fault at deployment, each found by its
 * type. While serving, every family is here; while not, the ones that were usable still are (the
 * MCP endpoint's CORS origins, so that a browser client can read the 503).
 */
public final class CheckedSettings {

    private final Map<Class<?>, Object> byType = new LinkedHashMap<>();

    public CheckedSettings(Collection<?> values) {
        values.forEach(value -> byType.put(value.getClass(), value));
    }

    /** The family of this type, when it read without fault. */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(byType.get(type)).map(type::cast);
    }

    /** @throws IllegalStateException the family is not here: asked while not serving, a fault of the caller */
    public <T> T get(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no checked " + type.getSimpleName()
                + " settings: asked while the application does not serve"));
    }
}
