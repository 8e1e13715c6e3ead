package io.capgate.agent.fleet.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text for keys and certificates: {@code -----BEGIN TYPE-----}, base64 in 64-column lines. */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private Pem() {
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The DER content of every block of {@code type}, in order. */
    static List<byte[]> decode(String type, byte[] text, String source) throws IdentityException {
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(new String(text, StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IdentityException(source + ": a " + type + " block is not valid base64", e);
                }
            }
        }
        if (blocks.isEmpty()) {
            throw new IdentityException(source + " holds no " + type);
        }
        return blocks;
    }

    static String certificates(List<X509Certificate> chain) throws CertificateException {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : chain) {
            text.append(encode("CERTIFICATE", c.getEncoded()));
        }
        return text.toString();
    }

    static List<X509Certificate> certificates(byte[] text, String source) throws IdentityException {
        List<X509Certificate> chain = new ArrayList<>();
        for (byte[] der : decode("CERTIFICATE", text, source)) {
            chain.add(certificate(der, source));
        }
        return chain;
    }

    static X509Certificate certificate(byte[] der, String source) throws IdentityException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IdentityException(source + " is not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }
}
