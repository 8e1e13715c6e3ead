package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.identity.VerifiedManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session enforces: a manifest and a mode. Sessions of different policies are different sessions; a
 * change of either replaces them.
 *
 * @param manifest the verified manifest; absent only in {@link SupervisionMode#OBSERVE} (a service observed before
 *                 its first version exists)
 * @param mode     the mode
 */
public record Policy(Optional<VerifiedManifest> manifest, SupervisionMode mode) {

    public Policy {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(mode, "mode");
        if (manifest.isEmpty() && mode != SupervisionMode.OBSERVE) {
            throw new IllegalArgumentException(mode + " enforces a manifest: only OBSERVE may come without one");
        }
    }

    @Override
    public String toString() {
        return mode + " " + manifest.map(VerifiedManifest::versionId).orElse("(no manifest)");
    }
}
