package dev.jwksguard.mcp;

import dev.jwksguard.auth.RefusalHeaders;
import dev.jwksguard.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The Streamable HTTP rules the SDK leaves to us, after authentication (so that a client of a newer
 * revision still learns it must sign in): an unsupported {@code MCP-Protocol-Version} gets 400, a
 * POST that does not accept both JSON and SSE gets 406. And no answer carries the SDK's internals:
 * an error the transport writes itself (a serialized exception, with class names and stack frames)
 * is replaced by a problem document through the error page, as every other refusal.
 */
final class McpHttpRules extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

    private final List<String> supportedVersions;

    McpHttpRules(List<String> supportedVersions) {
        this.supportedVersions = List.copyOf(supportedVersions);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response); // a CORS preflight, answered by McpCors
            return;
        }
        // Every answer here is one caller's: never kept by a cache (RFC 6750 §5.3 for the refusals).
        RefusalHeaders.noStore(response::setHeader);
        String version = request.getHeader(PROTOCOL_VERSION_HEADER);
        if (version != null && !supportedVersions.contains(version)) {
            Problem.of(400, "Unsupported MCP-Protocol-Version; this server speaks " + String.join(", ",
                    supportedVersions)).sendAsError(request, response);
            return;
        }
        if ("POST".equals(request.getMethod()) && !acceptsJsonAndEventStream(request.getHeader("Accept"))) {
            Problem.of(406, "An MCP POST must accept both application/json and text/event-stream")
                    .sendAsError(request, response);
            return;
        }
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(request, capture);
        if (capture.errorStatus != 0) {
            Problem.of(capture.errorStatus, capture.errorStatus < 500 ? "The request is not a valid MCP message"
                    : "The MCP request could not be handled").sendAsError(request, response);
        }
    }

    private static boolean acceptsJsonAndEventStream(String accept) {
        return accept != null && accept.contains("application/json") && accept.contains("text/event-stream");
    }

    /**
     * Lets every success through, and swallows an error status the transport sets with a body of its
     * own; {@code sendError} goes to the error page as it is.
     */
    private static final class ErrorCapture extends HttpServletResponseWrapper {

        private int errorStatus;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            if (status >= 400) {
                errorStatus = status;
            } else {
                super.setStatus(status);
            }
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return errorStatus != 0 ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return errorStatus != 0 ? new Discarding() : super.getOutputStream();
        }

        @Override
        public void setContentType(String type) {
            if (errorStatus == 0) {
                super.setContentType(type);
            }
        }
    }

    private static final class Discarding extends ServletOutputStream {

        private final OutputStream sink = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // Nothing is ever written.
        }
    }
}
