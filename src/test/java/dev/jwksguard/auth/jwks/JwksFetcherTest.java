package dev.jwksguard.auth.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JWKS download over real HTTP on 127.0.0.1: bounded in time and size, failures named. */
class JwksFetcherTest {

    private final JwksStub stub = JwksStub.start(0);

    @AfterEach
    void stop() {
        stub.close();
    }

    private JwksFetcher fetcher() {
        return fetcher(TestJwksSettings.defaults());
    }

    private JwksFetcher fetcher(JwksSettings settings) {
        var http = JwksFetcher.httpClient(settings);
        return new JwksFetcher(new JwksLocator(Optional.of(URI.create(stub.uri())), "https://issuer.test.invalid/",
                http, false), http);
    }

    @Test
    void fetchWhenHealthyThenKeysAndMaxAge() throws Exception {
        stub.publish(TestKeys.PRIMARY, TestKeys.EC).cacheControl("public, max-age=15, must-revalidate");

        JwksFetcher.FetchedKeys fetched = fetcher().fetch();

        assertThat(fetched.keys()).extracting(key -> key.getKeyId()).containsExactly("primary-key", "ec-key");
        assertThat(fetched.maxAge()).contains(Duration.ofSeconds(15));
    }

    @Test
    void fetchWhenEndpointHangsThenFailsWithinTheTimeouts() {
        stub.mode(JwksStub.Mode.HANG);
        JwksFetcher fetcher = fetcher(TestJwksSettings.withReadTimeout(Duration.ofMillis(300)));

        // The endpoint never answers until the stub is reset: failing at all is the read timeout at work.
        assertThatThrownBy(fetcher::fetch).isInstanceOf(JwksFetcher.FetchFailedException.class)
                .hasMessageContaining("unreachable");
        assertThat(stub.requests()).as("no retry").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = JwksStub.Mode.class, names = {"STATUS_500", "NOT_FOUND", "MALFORMED_JSON", "EMPTY_SET", "RESET"})
    void fetchWhenEndpointMisbehavesThenFailureNamesTheProblemWithoutTheBody(JwksStub.Mode mode) {
        stub.mode(mode);

        assertThatThrownBy(fetcher()::fetch).isInstanceOf(JwksFetcher.FetchFailedException.class)
                .hasMessageContaining(stub.uri())
                .hasMessageNotContaining("boom");
    }

    @Test
    void fetchWhenAnswerLargerThanCapThenRefused() {
        stub.publish(TestKeys.PRIMARY, TestKeys.ROTATED, TestKeys.ROGUE, TestKeys.EC);

        assertThatThrownBy(fetcher(TestJwksSettings.withMaxResponseBytes(1024))::fetch)
                .isInstanceOf(JwksFetcher.FetchFailedException.class);
    }

    @Test
    void fetchWhenNothingListensThenUnreachable() {
        var http = JwksFetcher.httpClient(TestJwksSettings.defaults());
        JwksFetcher closed = new JwksFetcher(new JwksLocator(Optional.of(URI.create("http://127.0.0.1:1/jwks")),
                "https://issuer.test.invalid/", http, false), http);

        assertThatThrownBy(closed::fetch).hasMessageContaining("JWKS unreachable at http://127.0.0.1:1/jwks");
    }
}
