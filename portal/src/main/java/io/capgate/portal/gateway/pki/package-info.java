/**
 * The gateway's keys and certificates, kept in {@code <data dir>/pki}: the portal CA that signs agent client
 * certificates, the gateway's TLS server certificate (or a configured one), PKCS#10 CSR checks, and PEM files
 * written owner-only. Bouncy Castle builds and parses the ASN.1; the JDK's providers do the cryptography.
 */
package io.capgate.portal.gateway.pki;
