package io.capgate.agent.fleet.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One of the portal's Ed25519 manifest signing keys, delivered at enrollment.
 *
 * @param keyId the portal's name for the key, as assignments cite it: 1 to 128 of {@code [A-Za-z0-9._:-]}
 * @param key   the Ed25519 public key
 */
public record SigningKey(String keyId, PublicKey key) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public SigningKey {
        if (keyId == null || !ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("signing key id must be 1 to 128 of [A-Za-z0-9._:-], got '" + keyId
                    + "'");
        }
        if (!(key instanceof EdECPublicKey ed) || !ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
            throw new IllegalArgumentException("signing key " + keyId + " is not an Ed25519 public key");
        }
    }

    /** A key from its X.509 SubjectPublicKeyInfo DER encoding. */
    public static SigningKey fromSpki(String keyId, byte[] der) {
        try {
            return new SigningKey(keyId, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signing key " + keyId + " is not an Ed25519 public key: "
                    + e.getMessage(), e);
        }
    }

    /** A key from its raw 32 bytes (RFC 8032 encoding). */
    public static SigningKey fromRaw(String keyId, byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("a raw Ed25519 key is 32 bytes, signing key " + keyId + " has "
                    + raw.length);
        }
        byte[] der = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
        return fromSpki(keyId, der);
    }

    /** The SubjectPublicKeyInfo DER encoding, as stored. */
    public byte[] spki() {
        return key.getEncoded();
    }
}
