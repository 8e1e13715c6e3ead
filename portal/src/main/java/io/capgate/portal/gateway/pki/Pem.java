package io.capgate.portal.gateway.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM files of certificates and keys. Keys are written owner-only (0600) into an owner-only folder (0700),
 * through a temporary file and an atomic move, so a crash never leaves half a key and no other user can ever
 * read one, not even for a moment.
 */
public final class Pem {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private Pem() {
  }

  /** Every certificate in the file, in order. */
  public static List<X509Certificate> readCertificates(Path file) {
    var certificates = new ArrayList<X509Certificate>();
    try (var parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new PkiException(file + " is not a readable PEM certificate file: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new PkiException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** The private key in the file: PKCS#8 ({@code PRIVATE KEY}) or a traditional EC/RSA key pair. */
  public static PrivateKey readPrivateKey(Path file) {
    try (var parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      Object item = parser.readObject();
      var converter = new JcaPEMKeyConverter();
      return switch (item) {
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
        case null, default -> throw new PkiException(file + " holds no unencrypted PEM private key");
      };
    } catch (IOException e) {
      throw new PkiException(file + " is not a readable PEM key file: " + e.getMessage(), e);
    }
  }

  /** The public key in the file ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo). */
  public static PublicKey readPublicKey(Path file) {
    try (var parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      if (parser.readObject() instanceof SubjectPublicKeyInfo info) {
        return new JcaPEMKeyConverter().getPublicKey(info);
      }
      throw new PkiException(file + " holds no PEM public key");
    } catch (IOException e) {
      throw new PkiException(file + " is not a readable PEM key file: " + e.getMessage(), e);
    }
  }

  /** Writes the objects (certificates, keys) as PEM; owner-only when {@code secret}. */
  public static void write(Path file, boolean secret, Object... objects) {
    var text = new StringWriter();
    try (var writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        // PKCS#8 for every key type: the traditional "EC PRIVATE KEY" form the writer picks by default would
        // lose the public key part that reading it back needs.
        if (object instanceof PrivateKey key) {
          writer.writeObject(new JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII), secret);
  }

  /** Creates the folder owner-only (0700), or tightens an existing one to that. */
  public static void ownerOnlyDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      if (POSIX) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new PkiException("Cannot create the key folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path file, byte[] content, boolean secret) {
    try {
      Path temp = POSIX && secret
          ? Files.createTempFile(file.getParent(), ".tmp-", ".pem",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(file.getParent(), ".tmp-", ".pem");
      try {
        Files.write(temp, content);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new PkiException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
