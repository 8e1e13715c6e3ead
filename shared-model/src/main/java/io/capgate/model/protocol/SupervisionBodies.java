package io.capgate.model.protocol;

import java.util.Optional;

/** Wire form of the supervision messages: Assignments and AssignmentStatus. */
final class SupervisionBodies {

    private SupervisionBodies() {
    }

    static void writeAssignments(WireWriter w, Assignments m) {
        w.i64(m.revision());
        w.list(m.services(), SupervisionBodies::writeService);
    }

    static Assignments readAssignments(long requestId, WireReader r) {
        return new Assignments(requestId,
                r.i64("revision"),
                r.list("services", Limits.MAX_SERVICES, SupervisionBodies::readService));
    }

    static void writeAssignmentStatus(WireWriter w, AssignmentStatus m) {
        w.i64(m.revision());
        w.list(m.statuses(), SupervisionBodies::writeStatus);
    }

    static AssignmentStatus readAssignmentStatus(long requestId, WireReader r) {
        return new AssignmentStatus(requestId,
                r.i64("revision"),
                r.list("statuses", Limits.MAX_LIST_ENTRIES, SupervisionBodies::readStatus));
    }

    private static void writeService(WireWriter w, ServiceAssignment s) {
        w.string(s.serviceId());
        w.string(s.name());
        writeMatcher(w, s.matcher());
        w.u8(s.mode().id());
        w.u8(s.manifest().isPresent() ? 1 : 0);
        s.manifest().ifPresent(m -> {
            w.string(m.versionId());
            w.bytes(m.manifest());
            w.bytes(m.signature());
            w.string(m.signingKeyId());
        });
    }

    private static ServiceAssignment readService(WireReader r) {
        return new ServiceAssignment(
                r.string("serviceId", Limits.MAX_ID_BYTES),
                r.string("name", Limits.MAX_NAME_BYTES),
                r.struct("matcher", SupervisionBodies::readMatcher),
                r.u8Enum("mode", ServiceMode::byId),
                readSignedManifest(r));
    }

    private static Optional<SignedManifest> readSignedManifest(WireReader r) {
        int flag = r.u8("manifest");
        return switch (flag) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(new SignedManifest(
                    r.string("versionId", Limits.MAX_ID_BYTES),
                    r.bytes("manifest", Limits.MAX_MANIFEST_BYTES),
                    r.bytes("signature", Limits.ED25519_SIGNATURE_BYTES),
                    r.string("signingKeyId", Limits.MAX_ID_BYTES)));
            default -> throw r.malformed("manifest", "presence flag must be 0 or 1, got " + flag);
        };
    }

    private static void writeMatcher(WireWriter w, ProcessMatcher matcher) {
        w.u8(matcher.kind());
        switch (matcher) {
            case ProcessMatcher.Executable e -> {
                w.string(e.path());
                w.string(e.argumentRegex());
            }
            case ProcessMatcher.SystemdUnit u -> w.string(u.unit());
        }
    }

    private static ProcessMatcher readMatcher(WireReader r) {
        int kind = r.u8("kind");
        return switch (kind) {
            case ProcessMatcher.Executable.KIND -> new ProcessMatcher.Executable(
                    r.string("path", Limits.MAX_PATH_BYTES),
                    r.string("argumentRegex", Limits.MAX_TEXT_BYTES));
            case ProcessMatcher.SystemdUnit.KIND -> new ProcessMatcher.SystemdUnit(
                    r.string("unit", Limits.MAX_NAME_BYTES));
            default -> throw r.malformed("kind", "unknown id " + kind);
        };
    }

    private static void writeStatus(WireWriter w, ProtectionStatus s) {
        w.string(s.serviceId());
        w.i32(s.pid());
        w.u8(s.state().id());
        w.u8(s.reason().id());
        w.string(s.detail());
    }

    private static ProtectionStatus readStatus(WireReader r) {
        return new ProtectionStatus(
                r.string("serviceId", Limits.MAX_ID_BYTES),
                r.i32("pid"),
                r.u8Enum("state", ProtectionState::byId),
                r.u8Enum("reason", StatusReason::byId),
                r.string("detail", Limits.MAX_TEXT_BYTES));
    }
}
