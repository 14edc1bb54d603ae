package dev.jwksguard.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DoctorTest {

    private static final JwksStub JWKS = JwksStub.start(0);
    private final Doctor doctor = new Doctor(Duration.ofSeconds(2));

    @BeforeEach
    void reset() {
        JWKS.reset();
    }

    @AfterAll
    static void stop() {
        JWKS.close();
    }

    private static Doctor.Finding step(List<Doctor.Finding> findings, String name) {
        return findings.stream().filter(finding -> finding.step().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + findings));
    }

    /** A loopback port nothing listens on: the socket that held it is closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String printed(List<Doctor.Finding> findings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Doctor.print(findings, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void doctorWhenStartedWithoutAnIssuerThenItSaysHowToStartItAndExits2WithoutAStackTrace() throws Exception {
        // As `mvn -Pdoctor` starts it, without -Doauth.issuer and without OAUTH_ISSUER.
        ProcessBuilder builder = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Doctor.class.getName()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OAUTH_"));
        Process doctorRun = builder.start();
        String output = new String(doctorRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(doctorRun.waitFor()).as(output).isEqualTo(2);
        assertThat(output).contains("mvn -Pdoctor -Doauth.issuer=https://YOUR_TENANT.auth0.com/")
                .contains("-Doauth.jwks.uri=").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void checkWhenJwksHealthyThenEveryStepOkWithKeysCacheControlAndClock() {
        JWKS.cacheControl("public, max-age=30");

        List<Doctor.Finding> findings = doctor.check("https://issuer.test.invalid/", Optional.of(JWKS.uri()));

        assertThat(findings).allMatch(Doctor.Finding::ok);
        assertThat(step(findings, "keys").detail()).contains("1 signing key(s)", "RSA primary-key");
        assertThat(step(findings, "cache-control").detail()).contains("max-age=30", "keeps the keys 60 s");
        assertThat(step(findings, "clock").detail()).startsWith("within ");
        assertThat(printed(findings)).contains("Verdict: the server can fetch and use these keys.");
    }

    @Test
    void checkWhenDuplicateKidsThenFailsWithTheFix() {
        JWKS.publish(TestKeys.PRIMARY, TestKeys.withKid(TestKeys.ROTATED, "primary-key"));

        Doctor.Finding keys = step(doctor.check("https://issuer.test.invalid/", Optional.of(JWKS.uri())), "keys");

        assertThat(keys.ok()).isFalse();
        assertThat(keys.detail()).contains("duplicate kids [primary-key]");
        assertThat(keys.fix()).contains("invalid signature");
    }

    @Test
    void checkWhenHostRefusesThenSaysWhichStepFailedAndWhy() throws Exception {
        int closed = closedPort();

        List<Doctor.Finding> findings = doctor.check("https://issuer.test.invalid/",
                Optional.of("http://127.0.0.1:" + closed + "/jwks.json"));

        Doctor.Finding jwks = step(findings, "jwks");
        assertThat(jwks.ok()).isFalse();
        assertThat(jwks.detail()).isEqualTo("connection to 127.0.0.1:" + closed + " refused");
        assertThat(printed(findings)).contains("FAIL  jwks", "fix: check the host and port", "Verdict: 1 problem(s)");
    }

    @Test
    void checkWhenHostUnknownThenDnsStepFails() {
        Doctor.Finding dns = step(doctor.check("https://issuer.test.invalid/",
                Optional.of("https://jwks.test.invalid/keys")), "dns");

        assertThat(dns.ok()).isFalse();
        assertThat(dns.detail()).isEqualTo("cannot resolve jwks.test.invalid");
    }

    @Test
    void checkWhenTheIssuersHostIsUnknownAndTheJwksUriLeftToDiscoveryThenTheDnsStepNamesIt() {
        List<Doctor.Finding> findings = doctor.check("https://example.invalid/", Optional.empty());

        Doctor.Finding dns = step(findings, "dns");
        assertThat(dns.ok()).isFalse();
        assertThat(dns.detail()).isEqualTo("cannot resolve example.invalid");
        assertThat(printed(findings)).doesNotContain("refused").contains("Verdict: 1 problem(s)");
    }

    @Test
    void checkWhenDiscoveryUnreachableThenDiscoveryStepFailsAndNothingElseIsTried() throws Exception {
        int closed = closedPort();

        List<Doctor.Finding> findings = doctor.check("http://127.0.0.1:" + closed + "/realms/x", Optional.empty());

        assertThat(step(findings, "discovery").ok()).isFalse();
        assertThat(findings).extracting(Doctor.Finding::step).doesNotContain("jwks", "keys");
    }
}
