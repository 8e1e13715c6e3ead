package io.capgate.model.protocol;

/**
 * One service an agent must supervise, with the signed manifest to enforce.
 *
 * <p>Wire: {@code string serviceId, string name, ProcessMatcher matcher, u8 mode, string manifestVersionId,
 * bytes manifest, bytes signature, string signingKeyId}.
 *
 * @param serviceId         the portal's id of the service
 * @param name              the service's display name
 * @param matcher           how to recognise its processes
 * @param mode              what to do on a violation
 * @param manifestVersionId the portal's id of the approved manifest version
 * @param manifest          the manifest's canonical bytes, exactly as signed
 * @param signature         the 64-byte Ed25519 signature over {@code manifest}; the agent verifies it before use
 * @param signingKeyId      which of the agent's trusted portal keys made the signature
 */
public record ServiceAssignment(String serviceId, String name, ProcessMatcher matcher, ServiceMode mode,
                                String manifestVersionId, Bytes manifest, Bytes signature, String signingKeyId) {

    public ServiceAssignment {
        Checks.id(serviceId, "serviceId");
        Checks.nonBlank(name, "name", Limits.MAX_NAME_BYTES);
        Checks.notNull(matcher, "matcher");
        Checks.notNull(mode, "mode");
        Checks.id(manifestVersionId, "manifestVersionId");
        Checks.bytes(manifest, "manifest", 1, Limits.MAX_MANIFEST_BYTES);
        Checks.bytes(signature, "signature", Limits.ED25519_SIGNATURE_BYTES, Limits.ED25519_SIGNATURE_BYTES);
        Checks.id(signingKeyId, "signingKeyId");
    }
}
