package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static dev.jwksguard.testsupport.ItServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.Concurrently;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The key cache over HTTP: warm start, no refetch for cached kids, rotation, removal, floods,
 * visibility. Each test arranges its own keys. Two orderings are real and stated: the warm-start
 * test must see the deployment before any request, and the flood spends whatever refetch permits
 * of the minute the other tests left, so it runs last.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksKeyManagementIT {

    private static final String ADMIN = TestTokens.valid().subject("operator").scope("admin:jwks").sign();

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    private static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        return Concurrently.run(count, 16, call);
    }

    private static HttpResponse<String> refresh() {
        return ItServer.send(ItServer.request("/api/admin/jwks/refresh").header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    @Order(1)
    void meWhenFiftyConcurrentFirstRequestsThenTheWarmStartFetchServedThemAllOnce() throws Exception {
        JWKS.awaitRequestsAbove(0, Duration.ofSeconds(20));
        String token = TestTokens.valid().sign();

        List<Integer> statuses = concurrently(50, () -> getWithToken("/api/me", token).statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(JWKS.requests()).isEqualTo(1);
    }

    @Test
    void meWhenAThousandRequestsWithACachedKidThenNoFetch() throws Exception {
        String token = TestTokens.valid().sign();
        assertThat(getWithToken("/api/me", token).statusCode()).isEqualTo(200);
        JWKS.resetCount();

        List<Integer> statuses = concurrently(1000, () -> getWithToken("/api/me", token).statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(JWKS.requests()).isZero();
    }

    @Test
    void meWhenAKeyIsNewlyPublishedThenItsFirstRequestIsServed() {
        var fresh = TestKeys.withKid(TestKeys.ROTATED, "published-" + UUID.randomUUID());
        JWKS.publish(TestKeys.PRIMARY, fresh).resetCount();

        HttpResponse<String> response = getWithToken("/api/me", TestTokens.valid().signedWith(fresh).sign());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JWKS.requests()).isEqualTo(1);
    }

    @Test
    void meWhenAKeyIsRemovedThenItStopsVerifyingAfterTheNextRefresh() {
        var leaving = TestKeys.withKid(TestKeys.ROTATED, "leaving-" + UUID.randomUUID());
        JWKS.publish(TestKeys.PRIMARY, leaving);
        String leavingToken = TestTokens.valid().signedWith(leaving).sign();
        assertThat(getWithToken("/api/me", leavingToken).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/api/me", leavingToken).statusCode()).as("now from the verified-token cache")
                .isEqualTo(200);
        JWKS.publish(TestKeys.PRIMARY);

        HttpResponse<String> refreshed = refresh();

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.body()).contains("primary-key").doesNotContain(leaving.getKeyId());
        HttpResponse<String> refused = getWithToken("/api/me", leavingToken);
        assertProblem(refused, 401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"invalid_token\"", "The signing key is unknown"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminJwksWhenAskedByAnOperatorThenTheKeySetWithoutKeyMaterial() {
        JWKS.publish(TestKeys.PRIMARY, TestKeys.EC);
        assertThat(refresh().statusCode()).isEqualTo(200);
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);

        HttpResponse<String> response = getWithToken("/api/admin/jwks", ADMIN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> document = json(response);
        assertThat(document).containsEntry("state", "fresh").containsEntry("uri", JWKS.uri())
                .containsKeys("lastAttempt", "lastSuccess", "nextRefresh", "ageSeconds", "failuresSinceSuccess",
                        "forcedFetchesLastMinute", "forcedFetchesRefused", "fetches", "verifications");
        assertThat((List<Map<String, Object>>) document.get("keys")).extracting(key -> key.get("kid"))
                .containsExactly("primary-key", "ec-key");
        assertThat(response.body()).doesNotContain("\"n\"").doesNotContain("\"e\"").doesNotContain("\"x\"");
        assertThat(((Map<String, Object>) document.get("verifications")).get("accepted")).isNotEqualTo(0L);
    }

    @Test
    void adminJwksWhenTheCallerLacksTheAdminRoleThen403() {
        HttpResponse<String> response = getWithToken("/api/admin/jwks", TestTokens.valid().sign());

        assertProblem(response, 403);
        assertThat(ItServer.challenge(response)).contains("scope=\"admin:jwks\"");
    }

    @Test
    void readinessWhenKeysHeldThenUpWithTheKeySet() {
        HttpResponse<String> response = ItServer.health("/health/ready");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"jwks\"").contains("\"state\":\"fresh\"").contains("\"UP\"");
    }

    /** The admin document's counters, every issuer's together and each issuer's (MetricsIT: the same as gauges). */
    @Test
    void adminDocumentWhenRequestsVerifiedThenTheKeySetAndVerificationsPublished() {
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);

        HttpResponse<String> admin = getWithToken("/api/admin/jwks", TestTokens.valid().scope("admin:jwks").sign());

        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("\"verifications\"").contains("\"accepted\"").contains("\"fetches\"");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> issuers = (List<Map<String, Object>>) json(admin).get("issuers");
        assertThat(issuers).singleElement().satisfies(issuer -> assertThat(issuer.get("verifications").toString())
                .contains("accepted="));
    }

    private static HttpResponse<String> tokenCheck(String bearer, String body) {
        return ItServer.send(ItServer.request("/api/admin/token-check").header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void tokenCheckWhenARefusedTokenThenExplainedWithoutEchoingFetchingOrServingOthers() {
        String unknownKid = TestTokens.valid().issuer("https://issuer.test.invalid")
                .signedWith(TestKeys.withKid(TestKeys.ROTATED, "unpublished-" + UUID.randomUUID())).sign();
        JWKS.publish(TestKeys.PRIMARY);
        assertThat(getWithToken("/api/me", ADMIN).statusCode()).isEqualTo(200);
        JWKS.resetCount();

        HttpResponse<String> checked = tokenCheck(ADMIN, unknownKid);

        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(checked.body()).contains("\"accepted\":false", "\"verdict\":\"refused: key\"",
                "is not in the cached set", "differ only by the trailing slash")
                .doesNotContain(unknownKid.substring(unknownKid.lastIndexOf('.') + 1));
        assertThat(JWKS.requests()).as("a check never fetches").isZero();
        HttpResponse<String> accepted = tokenCheck(ADMIN, "Bearer " + TestTokens.valid().sign());
        assertThat(accepted.body()).contains("\"accepted\":true", "\"roles\":[\"read:notes\",\"write:notes\"]");
        assertProblem(tokenCheck(TestTokens.valid().sign(), unknownKid), 403);

        // At most 30 checks a minute: then 429 with Retry-After, a problem like every refusal.
        HttpResponse<String> limited = checked;
        for (int i = 0; i < 40 && limited.statusCode() != 429; i++) {
            limited = tokenCheck(ADMIN, unknownKid);
        }
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("60");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void meWhenAFloodOfRandomKidsThenAtMostFiveFetchesAndValidTokensKeepWorking() throws Exception {
        JWKS.publish(TestKeys.PRIMARY).resetCount();
        String valid = TestTokens.valid().sign();
        List<Long> baselineMillis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            assertThat(getWithToken("/api/me", valid).statusCode()).isEqualTo(200);
            baselineMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        List<Integer> floodStatuses = new ArrayList<>();
        List<Long> validMillis = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            floodStatuses.addAll(concurrently(30, () -> getWithToken("/api/me", TestTokens.valid()
                    .signedWith(TestKeys.withKid(TestKeys.ROGUE, UUID.randomUUID().toString())).sign()).statusCode()));
            long started = System.nanoTime();
            assertThat(getWithToken("/api/me", valid).statusCode()).isEqualTo(200);
            validMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        System.out.printf("MEASURE flood: %d JWKS fetches for 300 random kids; valid-token latency ms before: %s,"
                + " during: %s%n", JWKS.requests(), baselineMillis, validMillis);
        assertThat(floodStatuses).hasSize(300).containsOnly(401);
        assertThat(JWKS.requests()).as("JWKS fetches during the flood").isLessThanOrEqualTo(5);
        assertThat(validMillis).allSatisfy(millis -> assertThat(millis).isLessThan(1_000));
        HttpResponse<String> admin = getWithToken("/api/admin/jwks", ADMIN);
        assertThat(((Number) json(admin).get("forcedFetchesRefused")).longValue()).isGreaterThan(0);
    }
}
