package io.capgate.model.protocol;

import java.util.Optional;

/**
 * One service an agent must supervise, with the signed manifest to enforce.
 *
 * <p>Wire: {@code string serviceId, string name, ProcessMatcher matcher, u8 mode, optional<SignedManifest> manifest}.
 *
 * @param serviceId the portal's id of the service
 * @param name      the service's display name
 * @param matcher   how to recognise its processes
 * @param mode      what to do on a violation
 * @param manifest  the approved manifest to enforce; absent only in {@link ServiceMode#OBSERVE}, for a service that
 *                  has no active manifest yet (observing is how its first version is built)
 */
public record ServiceAssignment(String serviceId, String name, ProcessMatcher matcher, ServiceMode mode,
                                Optional<SignedManifest> manifest) {

    public ServiceAssignment {
        Checks.id(serviceId, "serviceId");
        Checks.nonBlank(name, "name", Limits.MAX_NAME_BYTES);
        Checks.notNull(matcher, "matcher");
        Checks.notNull(mode, "mode");
        Checks.notNull(manifest, "manifest");
        if (manifest.isEmpty() && mode != ServiceMode.OBSERVE) {
            throw new IllegalArgumentException("mode " + mode + " enforces a manifest: only OBSERVE may come without"
                    + " one");
        }
    }
}
