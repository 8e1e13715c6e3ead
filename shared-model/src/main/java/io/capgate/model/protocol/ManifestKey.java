package io.capgate.model.protocol;

/**
 * One of the portal's manifest signing keys, as the agent must trust it.
 *
 * <p>Wire: {@code string keyId, bytes publicKey}.
 *
 * @param keyId     the name assignments cite in {@link SignedManifest#signingKeyId()}
 * @param publicKey the Ed25519 public key as X.509 SubjectPublicKeyInfo DER (44 bytes for Ed25519)
 */
public record ManifestKey(String keyId, Bytes publicKey) {

    public ManifestKey {
        Checks.id(keyId, "keyId");
        Checks.bytes(publicKey, "publicKey", 1, Limits.MAX_DER_BYTES);
    }
}
