package io.capgate.agent.supervise;

import io.capgate.agent.engine.ModuleIds;
import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.templates.MapEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** The manifest as integer map entries: allow bitmaps per module id, exec identities, the fast-path set. */
final class PolicyEntries {

    private PolicyEntries() {
    }

    static List<MapEntry> allow(ResolvedPolicy policy, ModuleIds ids) {
        List<MapEntry> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : ids.all().entrySet()) {
            words(out, e.getValue(), policy.allowed(e.getKey()));
        }
        words(out, ModuleIds.UNLISTED, policy.defaultsOnly());
        if (ids.id(io.capgate.model.manifest.ModulePolicy.UNKNOWN).isEmpty()) {
            words(out, ModuleIds.UNKNOWN, policy.defaultsOnly());
        }
        return out;
    }

    private static void words(List<MapEntry> out, int id, BitSet bits) {
        long[] w = bits.toLongArray();
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                out.add(MapEntry.of("allow", w[i], id, i));
            }
        }
    }

    /** What every module may do, minus the fork/exec family whose module the engine must record. */
    static BitSet always(ResolvedPolicy policy, SyscallTable table) {
        BitSet b = policy.allModules();
        for (String name : List.of("clone", "clone3", "fork", "vfork", "execve", "execveat")) {
            table.number(name).ifPresent(b::clear);
        }
        return b;
    }

    /**
     * Syscall numbers the seccomp floor answers with EPERM: those no module may use, and the open family
     * when only its write variant is refused (the engine reports those as {@code :write}).
     */
    static BitSet floorRefused(ResolvedPolicy policy, SyscallTable table) {
        BitSet union = policy.union();
        BitSet refused = new BitSet();
        for (String name : table.names()) {
            int nr = table.number(name).orElseThrow();
            boolean write = name.equals("open") || name.equals("openat") || name.equals("openat2");
            if (!union.get(nr) || write && !union.get(nr + 1024)) {
                refused.set(nr);
            }
        }
        // Always allowed by the floor: the launcher needs them after installing it.
        for (String name : List.of("execve", "exit_group", "rt_sigreturn")) {
            table.number(name).ifPresent(refused::clear);
        }
        return refused;
    }

    /** Programs by identity (device, inode), so /bin/true and /usr/bin/true are one program. */
    static List<MapEntry> exec(ResolvedPolicy policy, ModuleIds ids) {
        List<MapEntry> out = new ArrayList<>();
        policy.exec().forEach((module, paths) -> ids.id(module).ifPresent(id -> {
            for (String p : paths) {
                // A program that does not exist cannot be executed; nothing to allow.
                ExecIdentity.FileId.of(Path.of(p)).ifPresent(f -> out.add(MapEntry.of("ex", 1, id, f.dev(), f.ino())));
            }
        }));
        return out;
    }

    /** stat's st_dev encoding to the kernel's s_dev (MKDEV: major << 20 | minor). */
    static long kernelDev(long stDev) {
        long major = ((stDev >>> 8) & 0xfff) | ((stDev >>> 32) & ~0xfffL);
        long minor = (stDev & 0xff) | ((stDev >>> 12) & ~0xffL);
        return (major << 20) | minor;
    }
}
