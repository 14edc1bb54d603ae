package dev.jwksguard;

import dev.jwksguard.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** API request bodies are small JSON documents: anything over 16 KiB is refused with 413. */
@Provider
public class RequestBodyLimit implements ContainerRequestFilter {

    static final int MAX_BYTES = 16 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            throw tooLarge();
        }
        // Chunked bodies announce no length: count while reading.
        request.setEntityStream(new BoundedInputStream(request.getEntityStream()));
    }

    private static WebApplicationException tooLarge() {
        return new WebApplicationException(
                Problem.of(413, "The request body is larger than " + MAX_BYTES + " bytes").toResponse().build());
    }

    private static final class BoundedInputStream extends FilterInputStream {
        private long count;

        BoundedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > MAX_BYTES) {
                throw tooLarge();
            }
        }
    }
}
