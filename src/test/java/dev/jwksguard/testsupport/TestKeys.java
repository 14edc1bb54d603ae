package dev.jwksguard.testsupport;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Signing keys generated once per JVM. Only the public halves are ever published. */
public final class TestKeys {

    /** Published in the JWKS; signs tokens by default. */
    public static final PublicJsonWebKey PRIMARY = key("primary-key", () -> RsaJwkGenerator.generateJwk(2048));
    /** Published only after a "rotation" in tests that need one. */
    public static final PublicJsonWebKey ROTATED = key("rotated-key", () -> RsaJwkGenerator.generateJwk(2048));
    /** Never published: an attacker's key. */
    public static final PublicJsonWebKey ROGUE = key("rogue-key", () -> RsaJwkGenerator.generateJwk(2048));
    /** An EC key, published beside the RSA ones in some tests. */
    public static final PublicJsonWebKey EC = key("ec-key", () -> EcJwkGenerator.generateJwk(EllipticCurves.P256));
    /** An Ed25519 key (OKP), for EdDSA. */
    public static final PublicJsonWebKey ED25519 = key("ed-key",
            () -> OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519));

    private interface Generator {
        PublicJsonWebKey generate() throws JoseException;
    }

    private TestKeys() {
    }

    /** The same key material under another kid, for tokens that name a key that does not exist. */
    public static PublicJsonWebKey withKid(PublicJsonWebKey key, String kid) {
        return key(kid, () -> PublicJsonWebKey.Factory.newPublicJwk(
                key.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)));
    }

    private static PublicJsonWebKey key(String kid, Generator generator) {
        try {
            PublicJsonWebKey key = generator.generate();
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
