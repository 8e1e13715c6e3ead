package io.capgate.agent.fleet.identity;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies the portal's Ed25519 signature over a manifest's canonical bytes with the signing keys delivered at
 * enrollment, and only then hands out a {@link VerifiedManifest}. Uses the JDK's {@code Ed25519} signature.
 */
public final class ManifestSignatureVerifier {

    /** An Ed25519 signature is always this long. */
    public static final int SIGNATURE_BYTES = 64;

    private final Map<String, SigningKey> keys = new TreeMap<>();

    /**
     * Creates a verifier trusting these keys.
     *
     * @throws IllegalArgumentException when two keys share an id
     */
    public ManifestSignatureVerifier(Collection<SigningKey> keys) {
        for (SigningKey k : keys) {
            if (this.keys.putIfAbsent(k.keyId(), k) != null) {
                throw new IllegalArgumentException("two signing keys with id " + k.keyId());
            }
        }
    }

    /**
     * Checks the signature.
     *
     * @param versionId      the manifest version id from the assignment, carried along
     * @param canonicalBytes the manifest exactly as the portal signed it
     * @param signature      the 64-byte signature
     * @param keyId          the key the assignment says signed it
     * @throws ManifestSignatureException naming the key, when the key is unknown or the signature is wrong
     */
    public VerifiedManifest verify(String versionId, byte[] canonicalBytes, byte[] signature, String keyId)
            throws ManifestSignatureException {
        SigningKey key = keys.get(keyId);
        if (key == null) {
            throw new ManifestSignatureException(keyId, ManifestSignatureException.Reason.UNKNOWN_KEY,
                    "manifest %s is signed with key '%s', which this agent does not know (it knows %s); refusing to "
                            .formatted(versionId, keyId, keys.keySet()) + "enforce it. Re-enroll the agent if the "
                            + "portal rotated its signing key");
        }
        if (signature.length != SIGNATURE_BYTES) {
            throw new ManifestSignatureException(keyId, ManifestSignatureException.Reason.MALFORMED_SIGNATURE,
                    "manifest %s: the signature by key '%s' is %d bytes, an Ed25519 signature is %d; refusing to "
                            .formatted(versionId, keyId, signature.length, SIGNATURE_BYTES) + "enforce it");
        }
        SignatureException malformed = null;
        boolean valid;
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key.key());
            ed25519.update(canonicalBytes);
            valid = ed25519.verify(signature);
        } catch (SignatureException e) {
            malformed = e; // the provider could not even parse it: as bad as a wrong one
            valid = false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot verify Ed25519 signatures", e);
        }
        if (!valid) {
            ManifestSignatureException refused = new ManifestSignatureException(keyId,
                    ManifestSignatureException.Reason.BAD_SIGNATURE, ("manifest %s does not match its signature by "
                    + "key '%s': it was changed after signing or signed with another key; refusing to enforce it")
                    .formatted(versionId, keyId));
            if (malformed != null) {
                refused.initCause(malformed);
            }
            throw refused;
        }
        return new VerifiedManifest(versionId, keyId, canonicalBytes);
    }
}
