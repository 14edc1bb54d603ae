package dev.jwksguard.openapi;

import dev.jwksguard.config.InvalidSettingException;
import dev.jwksguard.config.OAuthSettings;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.Roles;
import dev.jwksguard.config.SettingsReader;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Finishes the scanned document for GPT Actions and other OpenAPI clients (registered as
 * {@code mp.openapi.filter}): the {@code oauth2} authorization-code scheme with the issuer's
 * endpoints and the scopes, plain bearer as the alternative, the configured admin role in place
 * of the default one, JAX-RS path regexes removed from the templates, and what the servers add
 * that validators reject dropped: Payara's top-level {@code endpoints}, WildFly's empty
 * {@code externalDocs}, {@code license} and {@code contact}.
 */
public class OpenApiDocumentFilter implements OASFilter {

    /** The scheme the resources' {@code @SecurityRequirement}s name. */
    public static final String OAUTH2 = "oauth2";
    static final String BEARER = "bearer";

    /** {@code {id: [0-9]{1,18}}} to {@code {id}}: OpenAPI templates hold names only. */
    private static final Pattern REGEX_TEMPLATE = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^/]*}");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        // The OpenAPI implementation builds this filter itself, outside CDI, before or without any
        // request: it reads the settings on its own, once per document.
        OAuthSettings settings;
        OpenApiSettings configured;
        try {
            SettingsReader reader = SettingsReader.fromMicroProfileConfig();
            settings = OAuthSettings.read(reader);
            configured = OpenApiSettings.read(reader);
        } catch (InvalidSettingException misconfigured) {
            return; // the log and readiness name the setting; the scanned document is all there is
        }
        ProtectedResource oauth = ProtectedResource.of(settings);
        Optional<AuthorizationEndpoints> endpoints = AuthorizationEndpoints.of(settings, configured);

        dropPayaraEndpoints(api);
        // A fresh info, without the empty contact and license WildFly's defaults leave (a license
        // without a name, or externalDocs without a URL, is not valid OpenAPI).
        api.info(OASFactory.createInfo().title("JWKS Guard notes API").version("0.1.0")
                .description("Notes kept for the signed-in user, behind OAuth 2 bearer tokens.")
                .contact(null).license(null));
        api.externalDocs(null);
        api.paths(withPlainTemplates(api.getPaths()));
        if (api.getComponents() == null) {
            api.components(OASFactory.createComponents());
        }
        api.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from " + String.join(" or ", oauth.authorizationServers())));
        endpoints.ifPresent(found -> api.getComponents().addSecurityScheme(OAUTH2, oauth2(found, oauth)));
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(operation -> secure(operation, oauth, endpoints.isPresent())));
    }

    private static SecurityScheme oauth2(AuthorizationEndpoints endpoints, ProtectedResource oauth) {
        Map<String, String> scopes = new LinkedHashMap<>();
        oauth.scopesSupported().forEach(scope -> scopes.put(scope, describe(scope)));
        scopes.put(oauth.scopeFor(Roles.ADMIN), "Operate JWKS Guard: key sets and token checks");
        OAuthFlow code = OASFactory.createOAuthFlow().authorizationUrl(endpoints.authorization())
                .tokenUrl(endpoints.token()).scopes(scopes);
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .flows(OASFactory.createOAuthFlows().authorizationCode(code));
    }

    private static String describe(String scope) {
        return switch (scope) {
            case Roles.READ_NOTES -> "Read your notes";
            case Roles.WRITE_NOTES -> "Create and delete your notes";
            default -> scope;
        };
    }

    /**
     * An operation the resources marked with {@code oauth2}: the configured admin role for the
     * default one, and plain bearer as the other way in. Without the issuer's endpoints, bearer only.
     */
    private static void secure(Operation operation, ProtectedResource oauth, boolean oauthFlowKnown) {
        if (operation.getSecurity() == null) {
            return;
        }
        List<SecurityRequirement> requirements = new java.util.ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            List<String> scopes = requirement.getScheme(OAUTH2);
            if (scopes == null) {
                requirements.add(requirement);
                continue;
            }
            if (oauthFlowKnown) {
                requirements.add(OASFactory.createSecurityRequirement().addScheme(OAUTH2, scopes.stream()
                        .map(oauth::scopeFor).toList()));
            }
            requirements.add(OASFactory.createSecurityRequirement().addScheme(BEARER, List.of()));
        }
        operation.setSecurity(requirements);
    }

    private static Paths withPlainTemplates(Paths paths) {
        Map<String, PathItem> plain = new LinkedHashMap<>();
        paths.getPathItems().forEach((template, item) -> plain.put(REGEX_TEMPLATE.matcher(template).replaceAll("{$1}"),
                item));
        Paths rebuilt = OASFactory.createPaths();
        plain.forEach(rebuilt::addPathItem);
        return rebuilt;
    }

    /** Payara (6.2025.10) adds a top-level "endpoints" map that is not OpenAPI; absent elsewhere. */
    private static void dropPayaraEndpoints(OpenAPI api) {
        try {
            Method setter = api.getClass().getMethod("setEndpoints", Map.class);
            setter.invoke(api, new java.util.TreeMap<String, java.util.Set<String>>()); // empty, as null breaks its clone()
        } catch (ReflectiveOperationException | RuntimeException notPayara) {
            // Another implementation: nothing to drop.
        }
    }
}
