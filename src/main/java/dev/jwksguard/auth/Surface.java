package dev.jwksguard.auth;

/**
 * The two protected resources of this application, each with its own identity: a token is accepted
 * by the one it was issued for, never by the other on the strength of the same issuer.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.12">RFC 8725 §3.12</a>
 */
enum Surface {
    /** {@code /api}: tokens for {@code oauth.audience}, from every trusted issuer. */
    API,
    /** {@code /mcp}: tokens for the MCP resource identifier or {@code mcp.audience}, from {@code mcp.issuers}. */
    MCP;

    static Surface of(String pathWithinApplication) {
        return ProtectedResource.isMcp(pathWithinApplication) ? MCP : API;
    }
}
