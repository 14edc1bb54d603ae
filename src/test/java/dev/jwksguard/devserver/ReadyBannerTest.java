package dev.jwksguard.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the run command prints once the application answers. */
class ReadyBannerTest {

    private static final ReadyBanner.Issuer REAL = new ReadyBanner.Issuer("https://tenant.auth0.com/",
            Optional.empty(), Optional.empty());

    @Test
    void textWhenNotReadyThenTheCauseAndTheDoctorForThatIssuer() {
        String text = new ReadyBanner("http://localhost:8080", REAL, Path.of(".run/notes"))
                .text(Optional.of("jwks: unavailable (connection refused)"));

        assertThat(text).contains("JWKS Guard is NOT READY at http://localhost:8080/ : jwks: unavailable")
                .contains("mvn -Pdoctor -Doauth.issuer=https://tenant.auth0.com/")
                .doesNotContain("JWKS Guard is running");
    }

    @Test
    void textWhenNotReadyWithAConfiguredJwksUriThenTheDoctorChecksThatUri() {
        ReadyBanner.Issuer issuer = new ReadyBanner.Issuer("https://issuer.example/",
                Optional.of("https://keys.example/jwks.json"), Optional.empty());

        assertThat(new ReadyBanner("http://localhost:8080", issuer, Path.of("notes")).text(Optional.of("down")))
                .contains("mvn -Pdoctor -Doauth.issuer=https://issuer.example/ -Doauth.jwks.uri=https://keys.example/jwks.json");
    }

    @Test
    void textWhenReadyWithTheDevelopmentIssuerThenATokenCommandAndNoDoctor() {
        ReadyBanner.Issuer dev = new ReadyBanner.Issuer("http://127.0.0.1:9090/dev",
                Optional.of("http://127.0.0.1:9090/dev/jwks"), Optional.of("http://127.0.0.1:9090/dev/token"));

        String text = new ReadyBanner("http://localhost:8080", dev, Path.of(".run/notes")).text(Optional.empty());

        assertThat(text).contains("JWKS Guard is running at http://localhost:8080/")
                .contains("Issuer: http://127.0.0.1:9090/dev (development issuer)")
                .contains("http://127.0.0.1:9090/dev/token").doesNotContain("-Pdoctor");
    }
}
