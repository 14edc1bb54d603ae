package dev.jwksguard.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.BiConsumer;

/**
 * Headers a feature adds to the mechanism's refusals, which no servlet filter sees (the container
 * authenticates before the filter chain): for instance CORS, so that a browser client can read the
 * {@code WWW-Authenticate} of a 401 and find the metadata.
 */
public interface RefusalDecorator {

    void decorate(HttpServletRequest request, BiConsumer<String, String> header);
}
