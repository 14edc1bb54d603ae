package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * A check a feature makes of a request before its token is looked at, in the mechanism (which runs
 * before every servlet filter): for instance the MCP endpoint's Origin rule, which must answer 403
 * whether or not a token came, and never a 401 that invites a sign-in from a hostile page.
 */
public interface RequestScreen {

    /** The refusal to answer instead of authenticating, if any; answered with no challenge and no-store. */
    Optional<Problem> refusal(HttpServletRequest request, String pathWithinApplication);
}
