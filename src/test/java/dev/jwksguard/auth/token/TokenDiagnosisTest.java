package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenDiagnosisTest {

    private static final JwksStub JWKS = JwksStub.start(0);

    private TokenDiagnosis diagnosis;

    @BeforeEach
    void serverWithKeysCached() {
        JWKS.reset();
        diagnosis = TestSettings.diagnosis(TestSettings.settings(JWKS.uri()));
        JWKS.resetCount();
    }

    @AfterAll
    static void stopJwks() {
        JWKS.close();
    }

    private static Map<String, TokenDiagnosis.Step> steps(TokenDiagnosis.Report report) {
        return report.steps().stream().collect(Collectors.toMap(TokenDiagnosis.Step::check, step -> step));
    }

    @Test
    void diagnoseWhenValidThenAcceptedEveryStepPassedAndTheRoles() {
        TokenDiagnosis.Report report = diagnosis.diagnose(TestTokens.valid().sign());

        assertThat(report.accepted()).isTrue();
        assertThat(report.verdict()).isEqualTo("accepted");
        assertThat(report.steps()).extracting(TokenDiagnosis.Step::check)
                .containsExactly("form", "key", "signature", "issuer", "audience", "time");
        assertThat(report.steps()).allMatch(TokenDiagnosis.Step::passed);
        assertThat(report.roles()).contains("read:notes", "write:notes");
        assertThat(steps(report).get("form").detail()).contains("alg RS256", "kid primary-key", "typ JWT");
    }

    @Test
    void diagnoseWhenKidNotCachedThenSaysWhichKidsAreHeldAndFetchesNothing() {
        String token = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROTATED, "next-key")).sign();

        TokenDiagnosis.Report report = diagnosis.diagnose(token);

        assertThat(report.accepted()).isFalse();
        assertThat(report.verdict()).isEqualTo("refused: key");
        assertThat(steps(report).get("key").detail()).contains("kid next-key is not in the cached set [primary-key]");
        assertThat(steps(report)).doesNotContainKey("signature");
        assertThat(JWKS.requests()).isZero();
    }

    @Test
    void diagnoseWhenSignedByAnotherKeyUnderAKnownKidThenSignatureInvalid() {
        String forged = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROGUE, "primary-key")).sign();

        TokenDiagnosis.Report report = diagnosis.diagnose(forged);

        assertThat(report.verdict()).isEqualTo("refused: signature");
        assertThat(steps(report).get("signature").detail()).startsWith("invalid");
    }

    @Test
    void diagnoseWhenIssuerDiffersOnlyByTheTrailingSlashThenSaysSo() {
        TokenDiagnosis.Report report = diagnosis.diagnose(TestTokens.valid().issuer("https://issuer.test.invalid").sign());

        assertThat(report.verdict()).isEqualTo("refused: issuer");
        assertThat(steps(report).get("issuer").detail()).contains("expected 'https://issuer.test.invalid/'",
                "differ only by the trailing slash");
    }

    @Test
    void diagnoseWhenAudienceAndTimeWrongThenEachStepSaysWhatItCompared() {
        String token = TestTokens.valid().audience("https://other.test.invalid/")
                .expiredAt(Instant.now().minusSeconds(120)).sign();

        TokenDiagnosis.Report report = diagnosis.diagnose(token);

        assertThat(steps(report).get("audience").passed()).isFalse();
        assertThat(steps(report).get("audience").detail()).contains("does not include any of [https://api.test.invalid/]");
        assertThat(steps(report).get("time").detail()).contains("expired 12", "beyond the 30 s skew");
        assertThat(report.verdict()).isEqualTo("refused: audience");
    }

    @Test
    void diagnoseWhenStepsPassButTheVerifierRefusesThenItsReason() {
        TokenDiagnosis.Report report = diagnosis.diagnose(TestTokens.valid().subject("").sign());

        assertThat(report.accepted()).isFalse();
        assertThat(report.verdict()).isEqualTo("refused: missing required claim");
    }

    @Test
    void diagnoseWhenMalformedThenFormStepAndNothingMore() {
        TokenDiagnosis.Report report = diagnosis.diagnose("not-a-token");

        assertThat(report.steps()).singleElement().satisfies(step -> assertThat(step.check()).isEqualTo("form"));
        assertThat(report.verdict()).isEqualTo("refused: form");
    }

    @Test
    void diagnoseWhenAnyTokenThenTheReportHoldsNeitherTheTokenNorItsSignature() {
        String token = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROGUE, "primary-key")).sign();
        String signature = token.substring(token.lastIndexOf('.') + 1);

        String report = diagnosis.diagnose(token).toString();

        assertThat(report).doesNotContain(token).doesNotContain(signature)
                .doesNotContain(token.substring(0, token.indexOf('.')));
    }
}
