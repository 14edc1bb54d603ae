package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** insufficient_scope only for the role check: a ForbiddenException a resource throws itself is not about scopes. */
class InsufficientScopeMapperTest {

    static class Resource {
        @RolesAllowed({"read:notes", "write:notes"})
        public void guarded() {
        }

        public void open() {
        }
    }

    private static InsufficientScopeMapper mapper(String method, Set<String> callerRoles) throws Exception {
        Method resourceMethod = Resource.class.getMethod(method);
        InsufficientScopeMapper mapper = new InsufficientScopeMapper();
        mapper.resourceInfo = new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return resourceMethod;
            }

            @Override
            public Class<?> getResourceClass() {
                return Resource.class;
            }
        };
        mapper.securityContext = new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> "caller";
            }

            @Override
            public boolean isUserInRole(String role) {
                return callerRoles.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
        return mapper;
    }

    @Test
    void lackingRolesWhenTheCallerHoldsNoneOfTheMethodsRolesThenThoseRoles() throws Exception {
        assertThat(mapper("guarded", Set.of("other")).lackingRoles())
                .contains(java.util.List.of("read:notes", "write:notes"));
    }

    @Test
    void lackingRolesWhenTheCallerHoldsOneOfThemThenNoneSinceTheResourceRefusedItself() throws Exception {
        assertThat(mapper("guarded", Set.of("write:notes")).lackingRoles()).isEmpty();
    }

    @Test
    void lackingRolesWhenTheMethodHasNoRolesAllowedThenNone() throws Exception {
        assertThat(mapper("open", Set.of()).lackingRoles()).isEmpty();
    }
}
