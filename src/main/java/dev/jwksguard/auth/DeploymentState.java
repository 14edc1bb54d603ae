package dev.jwksguard.auth;

import dev.jwksguard.config.CheckedSettings;
import dev.jwksguard.config.InvalidSettingException;
import dev.jwksguard.config.Misconfiguration;
import dev.jwksguard.config.OAuthSettings;
import dev.jwksguard.config.SettingsFamily;
import dev.jwksguard.config.SettingsReader;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one place that decides whether the application serves. At deployment every setting is read
 * and checked once; when all are usable, the bearer-token machinery is built once and starts
 * fetching the keys, so that the first request finds them. Each entry point (the mechanism, the
 * MCP endpoint, readiness, metrics) asks {@link #state()} and nothing else.
 */
@ApplicationScoped
public class DeploymentState {

    /** Runs the background JWKS refresh; the container's, so it stops with the application. */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** The other families of settings (MCP, OpenAPI...), each read and checked as a whole. */
    @Inject
    @Any
    Instance<SettingsFamily> families;

    private volatile ServingState state;

    /**
     * Decides before any other observer of the deployment runs: the event carries the servlet
     * context, whose context path is part of the MCP endpoint's identifier and fixed from now on.
     */
    void deploy(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) @Initialized(ApplicationScoped.class)
                Object deployment) {
        Objects.requireNonNull(scheduler,
                "java:comp/DefaultManagedScheduledExecutorService is not available: the key sets cannot be refreshed");
        String contextPath = deployment instanceof ServletContext servlet ? servlet.getContextPath() : "";
        state = decide(SettingsReader.fromMicroProfileConfig(), families, scheduler, contextPath);
    }

    /**
     * Every setting read and checked once: the OAuth settings, then every other family, each on its
     * own. The first that cannot work is logged once and decides, and the families that read
     * without fault are held all the same; otherwise the machinery is built.
     */
    static ServingState decide(SettingsReader reader, Iterable<? extends SettingsFamily> families,
                               ScheduledExecutorService scheduler, String contextPath) {
        List<InvalidSettingException> faults = new ArrayList<>();
        Optional<OAuthSettings> oauth = readOrNote(() -> OAuthSettings.read(reader), faults);
        List<Object> usable = new ArrayList<>();
        families.forEach(family -> readOrNote(() -> family.read(reader), faults).ifPresent(usable::add));
        CheckedSettings checked = new CheckedSettings(usable);
        if (!faults.isEmpty()) {
            return new ServingState.NotServing(Misconfiguration.found(faults.get(0)), checked);
        }
        return AuthComponents.serving(oauth.orElseThrow(), checked, scheduler, contextPath);
    }

    private static <T> Optional<T> readOrNote(Supplier<T> read, List<InvalidSettingException> faults) {
        try {
            return Optional.of(read.get());
        } catch (InvalidSettingException e) {
            faults.add(e);
            return Optional.empty();
        }
    }

    /** @throws IllegalStateException when asked before the deployment started, which no request can be */
    public ServingState state() {
        ServingState current = state;
        if (current == null) {
            throw new IllegalStateException("JWKS Guard was asked whether it serves before its deployment started");
        }
        return current;
    }

    private ServingState.Serving serving() {
        if (state() instanceof ServingState.Serving serving) {
            return serving;
        }
        // Unreachable through HTTP: the mechanism answers the 503 before any resource is looked up.
        throw new IllegalStateException("JWKS Guard is not serving: "
                + ((ServingState.NotServing) state).misconfiguration().publicReason());
    }

    // What resources and servlets inject; only ever looked up while serving (see serving()).

    @Produces
    @Singleton
    ProtectedResource protectedResource() {
        return serving().resource();
    }

    @Produces
    @Singleton
    JwksOperations jwksOperations() {
        return serving().jwks();
    }

    @Produces
    @Singleton
    TrustedIssuers trustedIssuers() {
        return serving().issuers();
    }

    @PreDestroy
    void stop() {
        if (state instanceof ServingState.Serving serving) {
            serving.issuers().stopRefreshing();
            serving.refusals().stop();
        }
    }
}
