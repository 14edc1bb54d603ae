package dev.jwksguard.auth.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link JwksCache} relies on from jose4j: its resolver asks for the keys, calls
 * {@code refresh()} when none matches, and asks again, all on the verifying thread. The cache keeps
 * the generation a thread last read in a thread-local, so that a refetch asked for by a caller who
 * saw an older set is already answered; if jose4j ever moved a step to another thread, this fails.
 */
class Jose4jResolverContractTest {

    @Test
    void resolveKeyWhenNoKeyMatchesThenKeysRefreshKeysOnTheCallingThread() {
        List<String> calls = new ArrayList<>();
        Thread caller = Thread.currentThread();
        HttpsJwks keys = new HttpsJwks("https://issuer.test.invalid/jwks") {
            @Override
            public List<JsonWebKey> getJsonWebKeys() {
                calls.add("keys" + (Thread.currentThread() == caller ? "" : " on another thread"));
                return List.of();
            }

            @Override
            public void refresh() {
                calls.add("refresh" + (Thread.currentThread() == caller ? "" : " on another thread"));
            }
        };
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue("RS256");
        jws.setKeyIdHeaderValue("unknown-kid");

        assertThatThrownBy(() -> new HttpsJwksVerificationKeyResolver(keys).resolveKey(jws, List.of()))
                .isInstanceOf(UnresolvableKeyException.class);
        assertThat(calls).containsExactly("keys", "refresh", "keys");
    }
}
