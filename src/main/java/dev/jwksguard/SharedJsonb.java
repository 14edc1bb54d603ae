package dev.jwksguard;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every JAX-RS answer; Jsonb is thread-safe. Without it, RESTEasy
 * (WildFly) built a new one for every response, ServiceLoader scan included: GET /api/me ran at
 * about 0.3x of the same server's GET /api/ping. Jersey (Payara) uses it the same way.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
