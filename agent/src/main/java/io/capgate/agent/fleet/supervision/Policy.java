package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.identity.VerifiedManifest;
import java.util.Objects;

/**
 * What a session enforces: a manifest and a mode. Sessions of different policies are different sessions; a
 * change of either replaces them.
 *
 * @param manifest the verified manifest
 * @param mode     the mode
 */
public record Policy(VerifiedManifest manifest, SupervisionMode mode) {

    public Policy {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String toString() {
        return mode + " " + manifest.versionId();
    }
}
