package io.capgate.agent.fleet.supervision;

import java.util.Optional;

import io.capgate.agent.fleet.discovery.DiscoveredProcess;
import io.capgate.agent.fleet.discovery.MatcherSpec;
import io.capgate.agent.fleet.discovery.ProcessId;
import io.capgate.agent.fleet.identity.ManifestSignatureVerifier;
import io.capgate.agent.fleet.identity.SigningKey;
import io.capgate.agent.fleet.identity.VerifiedManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Fixture factories for supervision tests: manifests signed and verified for real, processes, sessions. */
final class SupervisionFixtures {

    static final String BILLING = "billing";
    static final MatcherSpec PYTHON = MatcherSpec.Executable.of("/usr/bin/python3.11", "billing");
    private static final KeyPair KEYS = generate();
    private static final ManifestSignatureVerifier VERIFIER = new ManifestSignatureVerifier(
            List.of(SigningKey.fromSpki("k1", KEYS.getPublic().getEncoded())));

    private SupervisionFixtures() {
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static VerifiedManifest aManifest(String version) {
        try {
            byte[] bytes = ("version: 1\n# " + version + "\n").getBytes(StandardCharsets.UTF_8);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(KEYS.getPrivate());
            s.update(bytes);
            return VERIFIER.verify(version, bytes, s.sign(), "k1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Assignment anAssignment(String version, SupervisionMode mode) {
        return new Assignment(BILLING, PYTHON, mode, Optional.of(aManifest(version)));
    }

    static Map<String, Assignment> assigned(Assignment... assignments) {
        return Arrays.stream(assignments).collect(Collectors.toMap(Assignment::serviceId, a -> a));
    }

    static DiscoveredProcess aProcess(int pid) {
        return aProcess(pid, 1);
    }

    static DiscoveredProcess aProcess(int pid, int parent) {
        return new DiscoveredProcess(id(pid), parent, Path.of("/usr/bin/python3.11"), false,
                List.of("python3", "billing.py"));
    }

    static ProcessId id(int pid) {
        return new ProcessId(pid, 1000L + pid);
    }

    static ServiceProcesses found(DiscoveredProcess... processes) {
        Map<String, List<DiscoveredProcess>> by = new HashMap<>();
        by.put(BILLING, List.of(processes));
        return new ServiceProcesses(by, Set.of());
    }

    static SessionView attached(long id, Assignment a, int target, Integer... covered) {
        return new SessionView(new SessionId(id), new SessionSpec(a.serviceId(), id(target), a.policy()),
                SessionView.State.ATTACHED, Set.of(covered));
    }

    static SessionView starting(long id, Assignment a, int target) {
        return new SessionView(new SessionId(id), new SessionSpec(a.serviceId(), id(target), a.policy()),
                SessionView.State.STARTING, Set.of());
    }

    static SessionSpec spec(Assignment a, int target) {
        return new SessionSpec(a.serviceId(), id(target), a.policy());
    }
}
