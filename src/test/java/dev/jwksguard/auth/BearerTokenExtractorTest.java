package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenExtractorTest {

    private final BearerTokenExtractor extractor = new BearerTokenExtractor();

    @Test
    void extractWhenNoHeaderThenAbsent() {
        assertThat(extractor.extract(List.of())).isInstanceOf(BearerCredential.Absent.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxhZGRpbjpvcGVuc2VzYW1l", "DPoP abc.def.ghi", "Bearerabc.def.ghi", "Digest x"})
    void extractWhenOtherSchemeThenAbsent(String header) {
        assertThat(extractor.extract(List.of(header))).isInstanceOf(BearerCredential.Absent.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "Bearer   abc.def.ghi",
        "Bearer\tabc.def.ghi"})
    void extractWhenBearerSchemeInAnyCaseThenToken(String header) {
        assertThat(extractor.extract(List.of(header))).isEqualTo(new BearerCredential.Present("abc.def.ghi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "Bearer abc def", "Bearer abc\"def", "Bearer a,b",
        "Bearer =abc", "Bearer abc=def"})
    void extractWhenBearerValueEmptyOrNotToken68ThenMalformed(String header) {
        assertThat(extractor.extract(List.of(header))).isInstanceOf(BearerCredential.Malformed.class);
    }

    @Test
    void extractWhenTwoAuthorizationHeadersThenMalformed() {
        assertThat(extractor.extract(List.of("Bearer a.b.c", "Bearer d.e.f")))
                .isInstanceOf(BearerCredential.Malformed.class);
    }

    @Test
    void presentToStringHidesTheToken() {
        assertThat(new BearerCredential.Present("secret.token.value").toString()).doesNotContain("secret");
    }
}
