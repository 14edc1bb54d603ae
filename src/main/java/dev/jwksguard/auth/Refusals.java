package dev.jwksguard.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends a refusal the one way, from the mechanism or from a servlet: {@link RefusalHeaders}
 * (no-store, the challenge, Retry-After), the features' {@link RefusalDecorator}s (CORS), then the
 * problem through the error page, which writes it the same way on every server.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
@ApplicationScoped
public class Refusals {

    @Inject
    @Any
    Instance<RefusalDecorator> decoratorInstances;

    private List<RefusalDecorator> decorators;

    @PostConstruct
    void findDecorators() {
        decorators = decoratorInstances.stream().toList();
    }

    /** @param resourceMetadata the resource's metadata URL, asked only when the refusal carries a challenge */
    public void send(BearerError error, Supplier<String> resourceMetadata, HttpServletRequest request,
                     HttpServletResponse response) {
        RefusalHeaders.write(error, resourceMetadata, response::setHeader);
        decorators.forEach(decorator -> decorator.decorate(request, response::setHeader));
        error.problem().sendAsError(request, response);
    }
}
