package io.capgate.model.protocol;

/** Wire form of the enrollment messages: EnrollRequest and EnrollAccepted. */
final class EnrollmentBodies {

    private EnrollmentBodies() {
    }

    static void writeEnrollRequest(WireWriter w, EnrollRequest m) {
        w.string(m.token());
        w.bytes(m.csr());
        CommonBodies.writeHostFacts(w, m.host());
    }

    static EnrollRequest readEnrollRequest(long requestId, WireReader r) {
        return new EnrollRequest(requestId,
                r.string("token", Limits.MAX_TOKEN_BYTES),
                r.bytes("csr", Limits.MAX_DER_BYTES),
                r.struct("host", CommonBodies::readHostFacts));
    }

    static void writeEnrollAccepted(WireWriter w, EnrollAccepted m) {
        w.string(m.agentId());
        w.list(m.certificateChain(), WireWriter::bytes);
        w.list(m.signingKeys(), (out, k) -> {
            out.string(k.keyId());
            out.bytes(k.publicKey());
        });
    }

    static EnrollAccepted readEnrollAccepted(long requestId, WireReader r) {
        return new EnrollAccepted(requestId,
                r.string("agentId", Limits.MAX_ID_BYTES),
                r.list("certificateChain", Limits.MAX_CERTIFICATE_CHAIN,
                        entry -> entry.bytes("certificate", Limits.MAX_DER_BYTES)),
                r.list("signingKeys", Limits.MAX_SIGNING_KEYS, entry -> new ManifestKey(
                        entry.string("keyId", Limits.MAX_ID_BYTES),
                        entry.bytes("publicKey", Limits.MAX_DER_BYTES))));
    }
}
