package io.capgate.portal.gateway.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Checks an agent's PKCS#10 CSR and returns the key to certify. The CSR's own signature must verify with the key
 * it carries (proof that the agent holds the private key), with a SHA-2 or Ed25519 signature; the key must be EC
 * P-256 or P-384, Ed25519, or RSA of {@link #MIN_RSA_BITS} to {@link #MAX_RSA_BITS} bits. The CSR's subject and requested
 * extensions are ignored: the portal decides the name (the agent id) and the certificate's uses.
 */
public final class CsrVerifier {

  public static final int MIN_RSA_BITS = 2048;
  /** Larger keys buy nothing and make every signature check a CPU cost an attacker chooses. */
  public static final int MAX_RSA_BITS = 8192;

  private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
      SECObjectIdentifiers.secp256r1, "P-256", SECObjectIdentifiers.secp384r1, "P-384");
  private static final Map<ASN1ObjectIdentifier, String> SIGNATURES = Map.of(
      X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
      X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
      X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA",
      PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
      PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
      PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA",
      EdECObjectIdentifiers.id_Ed25519, "Ed25519");

  private CsrVerifier() {
  }

  /**
   * The public key of a valid CSR.
   *
   * @throws CsrRejectedException saying what is wrong
   */
  public static PublicKey verify(byte[] der) {
    PKCS10CertificationRequest csr = parse(der);
    if (!SIGNATURES.containsKey(csr.getSignatureAlgorithm().getAlgorithm())) {
      throw new CsrRejectedException("the CSR's signature algorithm " + csr.getSignatureAlgorithm().getAlgorithm()
          + " is not accepted; sign it with ECDSA or RSA over SHA-256/384/512, or with Ed25519");
    }
    SubjectPublicKeyInfo keyInfo = csr.getSubjectPublicKeyInfo();
    checkKeyType(keyInfo);
    try {
      PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
      if (key instanceof RSAPublicKey rsa) {
        checkRsa(rsa);
      }
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keyInfo))) {
        throw new CsrRejectedException("the CSR's signature does not verify with its own key");
      }
      return key;
    } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
      throw new CsrRejectedException("the CSR's key or signature cannot be read: " + e.getMessage(), e);
    }
  }

  private static void checkRsa(RSAPublicKey rsa) {
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw new CsrRejectedException("the CSR's RSA key has " + bits + " bits; " + MIN_RSA_BITS + " to "
          + MAX_RSA_BITS + " are accepted (EC P-256 is preferred)");
    }
    if (rsa.getPublicExponent().bitLength() > 32 || !rsa.getPublicExponent().testBit(0)) {
      throw new CsrRejectedException("the CSR's RSA key has an unusual public exponent; use 65537");
    }
  }

  private static PKCS10CertificationRequest parse(byte[] der) {
    try {
      return new PKCS10CertificationRequest(der);
    } catch (IOException | RuntimeException e) {
      throw new CsrRejectedException("the CSR is not a DER-encoded PKCS#10 certification request", e);
    }
  }

  private static void checkKeyType(SubjectPublicKeyInfo keyInfo) {
    ASN1ObjectIdentifier algorithm = keyInfo.getAlgorithm().getAlgorithm();
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      var parameters = keyInfo.getAlgorithm().getParameters();
      if (!(parameters instanceof ASN1ObjectIdentifier curve) || !CURVES.containsKey(curve)) {
        throw new CsrRejectedException("the CSR's EC key is not on a named curve P-256 or P-384");
      }
    } else if (!algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)
        && !algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      throw new CsrRejectedException("the CSR's key type " + algorithm
          + " is not accepted; use EC P-256 (preferred), P-384, Ed25519 or RSA");
    }
  }
}
