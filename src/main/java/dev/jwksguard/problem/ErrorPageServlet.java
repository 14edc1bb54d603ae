package dev.jwksguard.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for every status the container sends itself (web.xml): a problem+json body
 * instead of the server's HTML page, and never a stack trace.
 */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem = request.getAttribute(Problem.REQUEST_ATTRIBUTE) instanceof Problem given ? given : generic(request);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.toJson());
    }

    private static Problem generic(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : 404;
        String detail = switch (status) {
            case 400 -> "The request is not valid";
            case 401 -> "This resource needs a bearer access token";
            case 403 -> "Access to this resource is not allowed";
            case 404 -> "No resource here";
            case 405 -> "This method is not supported here";
            case 413 -> "The request body is too large";
            case 415 -> "The request body's media type is not supported here";
            case 503 -> "The service is temporarily unavailable";
            default -> status >= 500 ? "The server could not complete the request" : "The request failed";
        };
        return Problem.of(status, detail);
    }
}
