package dev.jwksguard.testsupport;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Signing keys generated once per JVM. Only the public halves are ever published. */
public final class TestKeys {

    /** Published in the JWKS; signs tokens by default. */
    public static final PublicJsonWebKey PRIMARY = rsa("primary-key");
    /** Published only after a "rotation" in tests that need one. */
    public static final PublicJsonWebKey ROTATED = rsa("rotated-key");
    /** Never published: an attacker's key. */
    public static final PublicJsonWebKey ROGUE = rsa("rogue-key");
    /** An EC key, published beside the RSA ones in some tests. */
    public static final PublicJsonWebKey EC = ec("ec-key");
    /** An Ed25519 key (OKP), for EdDSA. */
    public static final PublicJsonWebKey ED25519 = ed25519("ed-key");

    private TestKeys() {
    }

    /** The same key material under another kid, for tokens that name a key that does not exist. */
    public static PublicJsonWebKey withKid(PublicJsonWebKey key, String kid) {
        try {
            PublicJsonWebKey copy = PublicJsonWebKey.Factory.newPublicJwk(
                    key.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            copy.setKeyId(kid);
            return copy;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey rsa(String kid) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ed25519(String kid) {
        try {
            PublicJsonWebKey key = org.jose4j.jwk.OkpJwkGenerator.generateJwk(org.jose4j.jwk.OkpJwkGenerator.ED25519);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ec(String kid) {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
