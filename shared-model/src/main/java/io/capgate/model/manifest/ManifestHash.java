package io.capgate.model.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a manifest: {@code sha256:} and the lower-case hex SHA-256 of its canonical JSON
 * ({@link ManifestWriter#toJson(Manifest)}, UTF-8).
 *
 * <p>Because it hashes the canonical form, comments, formatting, key order, list order and YAML versus JSON do
 * not change it; any change of what is allowed does.
 */
public final class ManifestHash {

    /** The prefix of every hash. */
    public static final String PREFIX = "sha256:";

    private ManifestHash() {
    }

    /** {@code sha256:<64 hex digits>} of the canonical JSON form. */
    public static String of(Manifest manifest) {
        byte[] json = ManifestWriter.toJson(manifest).getBytes(StandardCharsets.UTF_8);
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
