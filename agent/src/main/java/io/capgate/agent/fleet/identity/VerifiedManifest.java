package io.capgate.agent.fleet.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Manifest bytes whose signature verified. Only {@link ManifestSignatureVerifier} makes these, so code that takes
 * a {@code VerifiedManifest} cannot be handed an unchecked one.
 */
public final class VerifiedManifest {

    private final String versionId;
    private final String keyId;
    private final byte[] canonicalBytes;
    private final String sha256;

    VerifiedManifest(String versionId, String keyId, byte[] canonicalBytes) {
        this.versionId = versionId;
        this.keyId = keyId;
        this.canonicalBytes = canonicalBytes.clone();
        try {
            this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The portal's id of the manifest version (not covered by the signature: a label, not an identity). */
    public String versionId() {
        return versionId;
    }

    /** The key that signed it. */
    public String keyId() {
        return keyId;
    }

    /** The manifest exactly as signed. */
    public byte[] canonicalBytes() {
        return canonicalBytes.clone();
    }

    /** SHA-256 of the bytes: two manifests are the same when this is. */
    public String sha256() {
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedManifest m && m.sha256.equals(sha256) && m.versionId.equals(versionId);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "VerifiedManifest[" + versionId + ", sha256=" + sha256.substring(0, 12) + ", key=" + keyId + "]";
    }
}
