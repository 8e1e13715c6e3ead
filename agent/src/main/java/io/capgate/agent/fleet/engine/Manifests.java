package io.capgate.agent.fleet.engine;

import io.capgate.agent.engine.ModuleIds;
import io.capgate.agent.fleet.identity.VerifiedManifest;
import io.capgate.agent.fleet.supervision.Policy;
import io.capgate.agent.fleet.supervision.SessionStartException;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestException;
import io.capgate.model.manifest.ManifestParser;
import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.protocol.StatusReason;
import io.capgate.model.syscalls.Arch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A verified manifest made ready to enforce here, or a MANIFEST_INVALID refusal before anything starts. */
final class Manifests {

    private static final ManifestParser PARSER = new ManifestParser();

    private Manifests() {
    }

    /** The policy's manifest, parsed and checked against this host; empty when the policy has none (OBSERVE). */
    static Optional<Manifest> enforceable(Policy policy) throws SessionStartException {
        if (policy.manifest().isEmpty()) {
            return Optional.empty();
        }
        VerifiedManifest verified = policy.manifest().get();
        String source = "manifest " + verified.versionId();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(verified.canonicalBytes()))
                    .toString();
            Manifest manifest = PARSER.parse(text, source);
            ResolvedPolicy.resolve(manifest, Arch.host());
            ModuleIds.forModules(manifest.moduleNames());
            return Optional.of(manifest);
        } catch (CharacterCodingException e) {
            throw refused(source + " is not valid UTF-8", e);
        } catch (ManifestException | IllegalArgumentException e) {
            throw refused(source + ": " + e.getMessage(), e);
        }
    }

    private static SessionStartException refused(String detail, Exception cause) {
        return new SessionStartException(SessionFailures.of(StatusReason.MANIFEST_INVALID, detail), cause);
    }
}
