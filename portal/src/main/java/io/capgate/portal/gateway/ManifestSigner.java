package io.capgate.portal.gateway;

import io.capgate.portal.gateway.pki.Pem;
import io.capgate.portal.gateway.pki.PkiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The portal's Ed25519 manifest signing key. Agents verify each manifest in {@code ASSIGNMENTS} against it before
 * enforcing anything, so a compromised connection cannot hand an agent a permissive manifest.
 *
 * <p>The key pair lives next to the portal CA ({@code manifest-signing.key}, 0600, and
 * {@code manifest-signing.pub}), created on first start and reused after. Its {@link #keyId()} is the first 16 hex
 * digits of the SHA-256 of the public key's X.509 SubjectPublicKeyInfo DER ({@link #publicKeyDer()}).
 * Thread-safe.
 */
public final class ManifestSigner {

  static final String PRIVATE_KEY = "manifest-signing.key";
  static final String PUBLIC_KEY = "manifest-signing.pub";
  private static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private ManifestSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = keyIdOf(publicKey);
    if (!verify(new byte[] {1, 2, 3}, sign(new byte[] {1, 2, 3}))) {
      throw new PkiException("The manifest signing key pair does not match: the private and public key files in"
          + " the PKI folder belong to different keys");
    }
  }

  /** The key pair in {@code dir}, created there (owner-only) when absent. */
  public static ManifestSigner loadOrCreate(Path dir) {
    Pem.ownerOnlyDirectory(dir);
    Path privateFile = dir.resolve(PRIVATE_KEY);
    Path publicFile = dir.resolve(PUBLIC_KEY);
    if (Files.exists(privateFile) && Files.exists(publicFile)) {
      return new ManifestSigner(Pem.readPrivateKey(privateFile), Pem.readPublicKey(publicFile));
    }
    if (Files.exists(privateFile) || Files.exists(publicFile)) {
      throw new PkiException("Only one of " + privateFile + " and " + publicFile + " exists; restore the other, or"
          + " remove both to create a new signing key (agents must then learn the new key)");
    }
    KeyPair keys = generate();
    Pem.write(privateFile, true, keys.getPrivate());
    Pem.write(publicFile, false, keys.getPublic());
    return new ManifestSigner(keys.getPrivate(), keys.getPublic());
  }

  /** The 64-byte Ed25519 signature of {@code canonicalBytes} (a manifest's canonical form). */
  public byte[] sign(byte[] canonicalBytes) {
    try {
      var signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(canonicalBytes);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new PkiException("Cannot sign with the manifest signing key", e);
    }
  }

  /** Whether {@code signature} is this key's signature of {@code canonicalBytes}. */
  public boolean verify(byte[] canonicalBytes, byte[] signature) {
    try {
      var verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(canonicalBytes);
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new PkiException("Cannot verify with the manifest signing key", e);
    }
  }

  /** The key's id as assignments cite it: 16 lowercase hex digits. */
  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key's X.509 SubjectPublicKeyInfo DER, what agents store and hash into the key id. */
  public byte[] publicKeyDer() {
    return publicKey.getEncoded();
  }

  static String keyIdOf(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException("The Java runtime cannot generate Ed25519 keys", e);
    }
  }
}
