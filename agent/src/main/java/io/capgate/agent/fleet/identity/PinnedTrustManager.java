package io.capgate.agent.fleet.identity;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the portal's server certificate only when it chains to the pinned CA, and nothing else: not the JDK's
 * {@code cacerts}, not the system store.
 *
 * <ul>
 *   <li>{@link #forEnrollment}: before enrollment the agent knows only the pin from the token. The portal must
 *       send its CA certificate in its chain; the certificate in the chain with the pinned SHA-256 becomes the only
 *       trust anchor, and the chain is validated (PKIX: signatures, validity, CA constraints) up to it.
 *       {@link #pinnedCertificate} picks it out of the peer's chain so the agent can store it.</li>
 *   <li>{@link #forCa}: after enrollment the stored CA certificate (checked against the pin) is the anchor.</li>
 * </ul>
 * Validation is the JDK's PKIX trust manager restricted to that one anchor, so host name checks apply when the
 * connection enables them (endpoint identification {@code HTTPS}; Netty 4.2 does by default).
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final CertificatePin pin;
    private final X509ExtendedTrustManager known;
    private final X509Certificate ca;

    private PinnedTrustManager(CertificatePin pin, X509Certificate ca) {
        this.pin = pin;
        this.ca = ca;
        this.known = ca == null ? null : trusting(ca);
    }

    /** Trust for the enrollment connection: only the pin is known. */
    public static PinnedTrustManager forEnrollment(CertificatePin pin) {
        return new PinnedTrustManager(pin, null);
    }

    /**
     * Trust anchored in a stored CA certificate, which must match the pin.
     *
     * @throws IdentityException when the certificate is not the pinned one
     */
    public static PinnedTrustManager forCa(X509Certificate ca, CertificatePin pin) throws IdentityException {
        if (!pin.matches(ca)) {
            throw new IdentityException("the stored portal CA (%s) is not the pinned one (%s): the state directory "
                    .formatted(CertificatePin.of(ca), pin) + "was altered; enroll the agent again");
        }
        return new PinnedTrustManager(pin, ca);
    }

    /** The certificate of {@code chain} with the pinned fingerprint, if any. */
    public static Optional<X509Certificate> pinnedCertificate(CertificatePin pin, X509Certificate[] chain) {
        if (chain == null) {
            return Optional.empty();
        }
        for (X509Certificate c : chain) {
            if (pin.matches(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        anchoredIn(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        anchoredIn(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anchoredIn(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        refuseClients();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        refuseClients();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        refuseClients();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca == null ? new X509Certificate[0] : new X509Certificate[] {ca};
    }

    private X509ExtendedTrustManager anchoredIn(X509Certificate[] chain) throws CertificateException {
        if (known != null) {
            return known;
        }
        return trusting(pinnedCertificate(pin, chain).orElseThrow(() -> new CertificateException(
                "the portal's certificate chain does not contain the pinned CA " + pin + ": the token is for "
                        + "another portal, the portal does not send its CA certificate, or someone is in between")));
    }

    private static void refuseClients() throws CertificateException {
        throw new CertificateException("the agent only connects out; it does not accept client certificates");
    }

    private static X509ExtendedTrustManager trusting(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("portal-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust manager for " + ca.getSubjectX500Principal(), e);
        }
    }
}
