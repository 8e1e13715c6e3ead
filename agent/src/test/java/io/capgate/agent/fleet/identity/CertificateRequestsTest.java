package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class CertificateRequestsTest {

    private final KeyPair keys = CertificateRequests.newKeyPair(TestPki.RANDOM);

    @Test
    void keysAreP256() {
        assertThat(((ECPublicKey) keys.getPublic()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }

    @Test
    void theRequestCarriesTheHostNameAndIsSignedWithTheAgentKey() throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                CertificateRequests.csr(keys, "web-01.prod.example"));

        assertThat(csr.getSubject().toString()).isEqualTo("CN=web-01.prod.example");
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keys.getPublic()))).isTrue();
        KeyPair other = CertificateRequests.newKeyPair(TestPki.RANDOM);
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(other.getPublic()))).isFalse();
    }

    @Test
    void aHostNameCannotAddAttributesToTheSubject() throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                CertificateRequests.csr(keys, "evil,O=Portal Admins"));

        RDN[] rdns = csr.getSubject().getRDNs();
        assertThat(rdns).hasSize(1);
        assertThat(((ASN1String) rdns[0].getFirst().getValue()).getString()).isEqualTo("evil,O=Portal Admins");
        assertThat(rdns[0].getFirst().getType()).isEqualTo(BCStyle.CN);
    }

    @Test
    void anEmptyOrControlCharacterHostNameIsRefused() {
        assertThatThrownBy(() -> CertificateRequests.csr(keys, " ")).hasMessageContaining("host name");
        assertThatThrownBy(() -> CertificateRequests.csr(keys, "web\n01")).hasMessageContaining("printable");
    }
}
