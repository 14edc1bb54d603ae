package dev.jwksguard.hello;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hello feature over real HTTP on a real server, with tokens signed by the tests' keys and a
 * JWKS endpoint the tests run: the resource and the tool for a caller with the scope, and refused
 * without it.
 */
@ExtendWith(ArquillianExtension.class)
class HelloIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        ItServer.JWKS.reset();                      // the tests' JWKS endpoint serves the tests' public keys
        // The packaged WAR with the feature's classes as compiled now: in your project they are in the
        // WAR already (src/main); JWKS Guard keeps this example under src/test, so it adds them here.
        return ItServer.war().addClasses(HelloResource.class, HelloResource.Hello.class, HelloTool.class);
    }

    @Test
    void helloWhenTheTokenGrantsReadNotesThenItGreetsTheTokensSubject() {
        String token = TestTokens.valid().subject("ada").scope("read:notes").sign();

        HttpResponse<String> response = ItServer.getWithToken("/api/hello", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ItServer.json(response)).containsEntry("subject", "ada");
    }

    @Test
    void helloWhenTheTokenLacksReadNotesThen403InsufficientScope() {
        String token = TestTokens.valid().scope("write:notes").sign();

        HttpResponse<String> response = ItServer.getWithToken("/api/hello", token);

        assertProblem(response, 403);
        assertThat(ItServer.challenge(response)).contains("error=\"insufficient_scope\"").contains("scope=\"read:notes\"");
    }

    @Test
    void helloToolWhenTheUserGrantedReadNotesThenItGreets() {
        String token = TestTokens.valid().subject("ada").scope("read:notes").forMcp().sign();

        Object greeting = McpTestClient.modern(token).tool("hello").arguments(Map.of("name", "Ada")).call()
                .structuredContent();

        assertThat(greeting).isEqualTo(Map.of("greeting", "Hello, Ada", "subject", "ada"));
    }

    @Test
    void helloToolWhenTheUserDidNotGrantReadNotesThen403BeforeItRuns() {
        String token = TestTokens.valid().scope("write:notes").forMcp().sign();

        HttpResponse<String> response = McpTestClient.postModern(token, "tools/call", Optional.of("hello"),
                McpTestClient.modernBody("tools/call", "2026-07-28", "\"name\":\"hello\",\"arguments\":{\"name\":\"Ada\"}"));

        assertProblem(response, 403);
        assertThat(ItServer.challenge(response)).contains("error=\"insufficient_scope\"").contains("read:notes");
    }
}
