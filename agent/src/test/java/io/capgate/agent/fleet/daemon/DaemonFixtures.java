package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.identity.ManifestSignatureVerifier;
import io.capgate.agent.fleet.identity.SigningKey;
import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.SignedManifest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Fixture factories for daemon tests: assignments signed for real with Ed25519, tampered ones, polling waits. */
final class DaemonFixtures {

    /** The key id TestPortal's signing key has at enrollment. */
    static final String KEY_ID = "test-key";
    static final String FASTAPI = "svc-fastapi";
    static final String BILLING = "svc-billing";
    static final String PYTHON = "/opt/capgate-test/bin/python3.11";

    private DaemonFixtures() {
    }

    static KeyPair newSigningKeys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static SigningKey trusted(KeyPair keys) {
        return SigningKey.fromSpki(KEY_ID, keys.getPublic().getEncoded());
    }

    static AssignmentVerifier verifier(KeyPair keys) {
        return new AssignmentVerifier(new ManifestSignatureVerifier(List.of(trusted(keys))));
    }

    /** A service found by {@link #PYTHON} running {@code serviceId}, with manifest {@code version} signed by keys. */
    static ServiceAssignment signed(KeyPair keys, String serviceId, ServiceMode mode, String version) {
        return signedText(keys, serviceId, mode, version, ManifestFixtures.A_MANIFEST_YAML + "# " + version + "\n");
    }

    static ServiceAssignment signedText(KeyPair keys, String serviceId, ServiceMode mode, String version,
                                        String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(keys.getPrivate());
            ed.update(bytes);
            return new ServiceAssignment(serviceId, serviceId, new ProcessMatcher.Executable(PYTHON, serviceId), mode,
                    Optional.of(new SignedManifest(version, Bytes.of(bytes), Bytes.of(ed.sign()), KEY_ID)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OBSERVE assignment of a service that has no manifest yet. */
    static ServiceAssignment observedOnly(String serviceId) {
        return new ServiceAssignment(serviceId, serviceId, new ProcessMatcher.Executable(PYTHON, serviceId),
                ServiceMode.OBSERVE, Optional.empty());
    }

    /** {@code a} with one byte of its manifest flipped after signing. */
    static ServiceAssignment tampered(ServiceAssignment a) {
        SignedManifest m = a.manifest().orElseThrow();
        byte[] bytes = m.manifest().toArray();
        bytes[bytes.length / 2] ^= 0x01;
        return new ServiceAssignment(a.serviceId(), a.name(), a.matcher(), a.mode(),
                Optional.of(new SignedManifest(m.versionId(), Bytes.of(bytes), m.signature(), m.signingKeyId())));
    }

    /** {@code a} claiming to be signed by another key. */
    static ServiceAssignment withKeyId(ServiceAssignment a, String keyId) {
        SignedManifest m = a.manifest().orElseThrow();
        return new ServiceAssignment(a.serviceId(), a.name(), a.matcher(), a.mode(),
                Optional.of(new SignedManifest(m.versionId(), m.manifest(), m.signature(), keyId)));
    }

    static Assignments assignments(long revision, ServiceAssignment... services) {
        return new Assignments(revision + 100, revision, List.of(services));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
