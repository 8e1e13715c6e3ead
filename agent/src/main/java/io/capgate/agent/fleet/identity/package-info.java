/**
 * Who this agent is and whom it trusts.
 *
 * <ul>
 *   <li>{@link io.capgate.agent.fleet.identity.StateDirectory}: the root-only directory (0700, files 0600) that
 *       holds the identity; a directory others could write to is refused.</li>
 *   <li>{@link io.capgate.agent.fleet.identity.EnrollmentToken}: the operator's one-time token, carrying the
 *       portal's address, the SHA-256 pin of its CA certificate and the secret.</li>
 *   <li>{@link io.capgate.agent.fleet.identity.CertificateRequests}: the EC P-256 key pair and the PKCS#10 request
 *       (CN = host name) sent at enrollment.</li>
 *   <li>{@link io.capgate.agent.fleet.identity.IdentityStore} and
 *       {@link io.capgate.agent.fleet.identity.AgentIdentity}: the key, the issued certificate chain, the pinned
 *       portal CA and the portal's manifest signing keys, stored after enrollment.</li>
 *   <li>{@link io.capgate.agent.fleet.identity.TlsMaterial} and
 *       {@link io.capgate.agent.fleet.identity.PinnedTrustManager}: the key and trust managers for the portal
 *       connection, trusting only the pinned CA.</li>
 *   <li>{@link io.capgate.agent.fleet.identity.ManifestSignatureVerifier}: Ed25519 signatures over manifests; only
 *       a {@link io.capgate.agent.fleet.identity.VerifiedManifest} is ever enforced.</li>
 * </ul>
 *
 * <p>Bouncy Castle is used only to build the PKCS#10 request; every signature and the TLS stack are the JDK's, so
 * no Bouncy Castle JCA provider is registered.
 */
package io.capgate.agent.fleet.identity;
