package io.capgate.model.protocol;

/** Wire form of the structures several messages share: {@link HostFacts} and {@link StackFrame}. */
final class CommonBodies {

    private CommonBodies() {
    }

    static void writeHostFacts(WireWriter w, HostFacts host) {
        w.string(host.hostname());
        w.string(host.kernel());
        w.optionalString(host.bpftraceVersion());
        w.list(host.pythonVersions(), WireWriter::string);
    }

    static HostFacts readHostFacts(WireReader r) {
        return new HostFacts(
                r.string("hostname", Limits.MAX_NAME_BYTES),
                r.string("kernel", Limits.MAX_NAME_BYTES),
                r.optionalString("bpftraceVersion", Limits.MAX_NAME_BYTES),
                r.list("pythonVersions", Limits.MAX_PYTHON_VERSIONS,
                        entry -> entry.string("version", Limits.MAX_NAME_BYTES)));
    }

    static void writeStackFrame(WireWriter w, StackFrame frame) {
        w.string(frame.file());
        w.string(frame.function());
        w.i32(frame.line());
    }

    static StackFrame readStackFrame(WireReader r) {
        return new StackFrame(
                r.string("file", Limits.MAX_PATH_BYTES),
                r.string("function", Limits.MAX_NAME_BYTES),
                r.i32("line"));
    }
}
