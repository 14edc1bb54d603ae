package dev.jwksguard.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.X509Util;
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

    /**
     * An RSA key published as Entra ID and others publish theirs: with its self-signed certificate
     * in {@code x5c} and the thumbprints {@code x5t} and {@code x5t#S256}. The JDK has no API to
     * make a certificate, so its keytool makes one.
     */
    public static PublicJsonWebKey withCertificate(String kid) {
        try {
            Path dir = Files.createTempDirectory("x5c");
            Path store = dir.resolve("key.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "k", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=jwks-guard-test", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit").redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                keys.load(in, "changeit".toCharArray());
            }
            X509Certificate certificate = (X509Certificate) keys.getCertificate("k");
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(certificate.getPublicKey());
            jwk.setPrivateKey((PrivateKey) keys.getKey("k", "changeit".toCharArray()));
            jwk.setCertificateChain(certificate);
            jwk.setX509CertificateSha1Thumbprint(X509Util.x5t(certificate));
            jwk.setX509CertificateSha256Thumbprint(X509Util.x5tS256(certificate));
            jwk.setKeyId(kid);
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a certificate-backed test key", e);
        }
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
