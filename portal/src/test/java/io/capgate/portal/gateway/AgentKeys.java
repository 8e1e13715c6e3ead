package io.capgate.portal.gateway;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys and PKCS#10 CSRs as an agent makes them (EC P-256, SHA256withECDSA), and broken variants. */
public final class AgentKeys {

  private AgentKeys() {
  }

  public static KeyPair ecKeyPair() {
    return keyPair("EC", "secp256r1", 0);
  }

  public static KeyPair rsaKeyPair(int bits) {
    return keyPair("RSA", null, bits);
  }

  /** A valid CSR for the key pair. */
  public static byte[] csr(KeyPair keys) {
    return csr(keys.getPublic(), keys, signatureFor(keys));
  }

  /** A CSR carrying {@code claimed} but signed by {@code signer}: no proof of possession. */
  public static byte[] csrWithoutPossession(PublicKey claimed, KeyPair signer) {
    return csr(claimed, signer, signatureFor(signer));
  }

  /** A CSR signed with the given JCA algorithm, e.g. {@code SHA1withRSA}. */
  public static byte[] csr(KeyPair keys, String signatureAlgorithm) {
    return csr(keys.getPublic(), keys, signatureAlgorithm);
  }

  private static byte[] csr(PublicKey claimed, KeyPair signer, String signatureAlgorithm) {
    try {
      return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=whatever the agent asks for"), claimed)
          .build(new JcaContentSignerBuilder(signatureAlgorithm).build(signer.getPrivate()))
          .getEncoded();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String signatureFor(KeyPair keys) {
    return switch (keys.getPrivate().getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> keys.getPrivate().getAlgorithm();
    };
  }

  private static KeyPair keyPair(String algorithm, String curve, int bits) {
    try {
      var generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        generator.initialize(new ECGenParameterSpec(curve));
      } else if (bits > 0) {
        generator.initialize(bits);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
