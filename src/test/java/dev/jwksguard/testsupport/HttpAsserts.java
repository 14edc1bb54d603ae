package dev.jwksguard.testsupport;

import static dev.jwksguard.testsupport.ItServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

/** What every refusal over HTTP must look like, asserted in one place. */
public final class HttpAsserts {

    private HttpAsserts() {
    }

    /** An RFC 9457 problem with the given status, no stack trace, and no-store on 401/403. */
    public static Map<String, Object> assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = json(response);
        assertThat(problem.get("status")).isEqualTo((long) status);
        assertThat(problem).containsKeys("title", "detail");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
        if (status == 401 || status == 403) {
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        }
        return problem;
    }
}
