package io.capgate.model.protocol;

/**
 * A manifest version as the portal signed it.
 *
 * <p>Wire: {@code string versionId, bytes manifest, bytes signature, string signingKeyId}.
 *
 * @param versionId    the portal's id of the approved manifest version
 * @param manifest     the manifest's canonical bytes, exactly as signed
 * @param signature    the 64-byte Ed25519 signature over {@code manifest}; the agent verifies it before use
 * @param signingKeyId which of the portal keys the agent received at enrollment ({@link EnrollAccepted}) made it
 */
public record SignedManifest(String versionId, Bytes manifest, Bytes signature, String signingKeyId) {

    public SignedManifest {
        Checks.id(versionId, "versionId");
        Checks.bytes(manifest, "manifest", 1, Limits.MAX_MANIFEST_BYTES);
        Checks.bytes(signature, "signature", Limits.ED25519_SIGNATURE_BYTES, Limits.ED25519_SIGNATURE_BYTES);
        Checks.id(signingKeyId, "signingKeyId");
    }
}
