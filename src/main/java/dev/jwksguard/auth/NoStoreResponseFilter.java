package dev.jwksguard.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** API answers depend on the caller's token: no shared cache may keep them (RFC 6750 §5.3). */
@Provider
public class NoStoreResponseFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RefusalHeaders.noStore(response.getHeaders()::putSingle);
    }
}
