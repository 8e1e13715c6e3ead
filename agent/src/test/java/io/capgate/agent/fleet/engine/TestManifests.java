package io.capgate.agent.fleet.engine;

import io.capgate.agent.fleet.identity.ManifestSignatureVerifier;
import io.capgate.agent.fleet.identity.SigningKey;
import io.capgate.agent.fleet.identity.VerifiedManifest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;

/** Manifests for the kernel tests, signed and verified for real. */
final class TestManifests {

    private static final KeyPair KEYS = generate();
    private static final ManifestSignatureVerifier VERIFIER = new ManifestSignatureVerifier(
            List.of(SigningKey.fromSpki("k1", KEYS.getPublic().getEncoded())));

    private TestManifests() {
    }

    /** The service's manifest: {@code worker} gets {@code workerCapabilities} on top of the defaults. */
    static VerifiedManifest signed(String version, String workerCapabilities) {
        String text = """
                apiVersion: capgate.io/v1
                service: svc
                arch: x86_64
                python: "3.11"
                defaults:
                  capabilities: [sys.basic, mem]
                modules:
                  service:
                    capabilities: [io, fs.read, fs.write]
                  worker:
                    capabilities: [%s]
                """.formatted(workerCapabilities);
        return sign(version, text.getBytes(StandardCharsets.UTF_8));
    }

    static VerifiedManifest sign(String version, byte[] bytes) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(KEYS.getPrivate());
            s.update(bytes);
            return VERIFIER.verify(version, bytes, s.sign(), "k1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
