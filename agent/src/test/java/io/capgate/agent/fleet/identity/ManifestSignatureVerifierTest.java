package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestSignatureVerifierTest {

    /** A portal signing key: the private half signs in tests, the public half is what the agent gets. */
    record PortalKey(KeyPair pair, SigningKey key) {

        byte[] sign(byte[] content) throws Exception {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(content);
            return s.sign();
        }
    }

    static PortalKey keys(String id) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new PortalKey(pair, SigningKey.fromSpki(id, pair.getPublic().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final byte[] MANIFEST = "version: 1\nservice: billing\nmodules: {}\n".getBytes(StandardCharsets.UTF_8);

    private final PortalKey current = keys("portal-2026");
    private final PortalKey previous = keys("portal-2025");
    private final ManifestSignatureVerifier verifier = new ManifestSignatureVerifier(
            List.of(current.key(), previous.key()));

    @Test
    void aValidSignatureYieldsTheVerifiedManifest() throws Exception {
        VerifiedManifest m = verifier.verify("mv-12", MANIFEST, current.sign(MANIFEST), "portal-2026");

        assertThat(m.canonicalBytes()).isEqualTo(MANIFEST);
        assertThat(m.versionId()).isEqualTo("mv-12");
        assertThat(m.keyId()).isEqualTo("portal-2026");
        assertThat(m.sha256()).hasSize(64);
        assertThat(verifier.verify("mv-12", MANIFEST, previous.sign(MANIFEST), "portal-2025")).isEqualTo(m);
    }

    @Test
    void oneChangedByteIsRefused() throws Exception {
        byte[] signature = current.sign(MANIFEST);
        byte[] tampered = MANIFEST.clone();
        tampered[tampered.length - 3] ^= 1;

        assertThatThrownBy(() -> verifier.verify("mv-12", tampered, signature, "portal-2026"))
                .isInstanceOfSatisfying(ManifestSignatureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ManifestSignatureException.Reason.BAD_SIGNATURE);
                    assertThat(e.keyId()).isEqualTo("portal-2026");
                })
                .hasMessage("manifest mv-12 does not match its signature by key 'portal-2026': it was changed after "
                        + "signing or signed with another key; refusing to enforce it");
    }

    @Test
    void aSignatureByAnotherKnownKeyIsRefused() throws Exception {
        assertThatThrownBy(() -> verifier.verify("mv-12", MANIFEST, previous.sign(MANIFEST), "portal-2026"))
                .isInstanceOfSatisfying(ManifestSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(ManifestSignatureException.Reason.BAD_SIGNATURE));
    }

    @Test
    void anUnknownKeyIdIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> verifier.verify("mv-12", MANIFEST, current.sign(MANIFEST), "portal-2027"))
                .isInstanceOfSatisfying(ManifestSignatureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ManifestSignatureException.Reason.UNKNOWN_KEY);
                    assertThat(e.keyId()).isEqualTo("portal-2027");
                })
                .hasMessageContaining("key 'portal-2027', which this agent does not know (it knows [portal-2025, "
                        + "portal-2026])");
    }

    @Test
    void aSignatureOfTheWrongLengthIsRefused() throws Exception {
        byte[] cut = Arrays.copyOf(current.sign(MANIFEST), 63);

        assertThatThrownBy(() -> verifier.verify("mv-12", MANIFEST, cut, "portal-2026"))
                .isInstanceOfSatisfying(ManifestSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(ManifestSignatureException.Reason.MALFORMED_SIGNATURE))
                .hasMessageContaining("is 63 bytes");
    }

    @Test
    void signingKeysAreEd25519AndUniquelyNamed() throws Exception {
        byte[] spki = current.key().spki();
        SigningKey raw = SigningKey.fromRaw("k", Arrays.copyOfRange(spki, spki.length - 32, spki.length));

        assertThat(raw.key()).isEqualTo(current.key().key());
        assertThatThrownBy(() -> SigningKey.fromSpki("k", CertificateRequests.newKeyPair(TestPki.RANDOM).getPublic()
                .getEncoded())).hasMessageContaining("not an Ed25519 public key");
        assertThatThrownBy(() -> SigningKey.fromRaw("k", new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new ManifestSignatureVerifier(List.of(current.key(), current.key())))
                .hasMessageContaining("two signing keys with id portal-2026");
        assertThatThrownBy(() -> SigningKey.fromSpki("has space", spki)).hasMessageContaining("signing key id");
    }
}
