package io.capgate.agent.fleet.identity;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key and trust managers for the portal connection: the agent's certificate (absent while enrolling) and
 * trust in the pinned portal CA only. Netty takes them as they are ({@code SslContextBuilder.forClient()
 * .keyManager(keyManager()).trustManager(trustManager())}); plain JSSE through {@link #sslContext}.
 */
public final class TlsMaterial {

    private static final char[] IN_MEMORY = "in-memory".toCharArray(); // the store never leaves this object

    private final X509ExtendedKeyManager keyManager;
    private final PinnedTrustManager trustManager;

    private TlsMaterial(X509ExtendedKeyManager keyManager, PinnedTrustManager trustManager) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
    }

    /** For the enrollment connection: no client certificate yet, trust by the token's pin. */
    public static TlsMaterial forEnrollment(CertificatePin pin) {
        return new TlsMaterial(null, PinnedTrustManager.forEnrollment(pin));
    }

    /**
     * For the enrolled agent.
     *
     * @param key   the agent's private key
     * @param chain the agent's certificate first, then intermediates
     * @param trust trust in the stored portal CA
     */
    public static TlsMaterial of(PrivateKey key, List<X509Certificate> chain, PinnedTrustManager trust) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("agent", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, IN_MEMORY);
            for (KeyManager km : factory.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    return new TlsMaterial(x, trust);
                }
            }
            throw new IllegalStateException("the JDK's PKIX key manager factory made no X509ExtendedKeyManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a key manager for the agent's certificate", e);
        }
    }

    /** The agent's key manager; empty while enrolling. */
    public Optional<X509ExtendedKeyManager> keyManager() {
        return Optional.ofNullable(keyManager);
    }

    /** Trust in the pinned portal CA only. */
    public PinnedTrustManager trustManager() {
        return trustManager;
    }

    /** A TLS context with these managers. */
    public SSLContext sslContext(SecureRandom random) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManager == null ? new KeyManager[0] : new KeyManager[] {keyManager},
                    new TrustManager[] {trustManager}, random);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }
}
