package dev.jwksguard.mcp;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The 2025 transport's response, with its own error answers kept from the client: it writes some
 * errors itself, with a body that serializes a Java exception (class names, stack frames), which
 * {@link McpRouter} replaces with a problem document, as every other refusal. Every success goes
 * through; {@code sendError} goes to the error page as it is. The 2026-07-28 transport's errors are
 * JSON-RPC errors, the spec's, and are not captured.
 */
final class LegacyErrorCapture extends HttpServletResponseWrapper {

    private int errorStatus;

    LegacyErrorCapture(HttpServletResponse response) {
        super(response);
    }

    /** The error status the transport set, 0 when it set none. */
    int errorStatus() {
        return errorStatus;
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
