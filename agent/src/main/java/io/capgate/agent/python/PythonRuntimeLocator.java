package io.capgate.agent.python;

import io.capgate.agent.os.MemoryMapping;
import io.capgate.agent.os.ProcFs;
import io.capgate.agent.os.ProcessMemory;
import io.capgate.agent.python.elf.ElfSymbol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Locates the CPython runtime of a live process: which mapped file (the executable or a
 * {@code libpython3.X.so}) defines {@code _PyRuntime}, where that file is loaded, the
 * interpreter version and the matching struct offsets.
 */
public final class PythonRuntimeLocator {

    private final ProcFs procFs;
    private final OffsetsSource offsets;

    /**
     * Creates a locator.
     *
     * @param procFs access to {@code /proc}
     * @param offsets where struct offsets come from
     */
    public PythonRuntimeLocator(ProcFs procFs, OffsetsSource offsets) {
        this.procFs = procFs;
        this.offsets = offsets;
    }

    /**
     * Locates the runtime of {@code pid}.
     *
     * @throws UnsupportedInterpreterException when the process is not CPython (no mapped file
     *     defines {@code _PyRuntime}) or its version has no offsets
     * @throws io.capgate.agent.os.NoSuchProcessException when the process does not exist
     * @throws IOException when {@code /proc} or a mapped file cannot be read
     */
    public PythonProcess locate(int pid) throws IOException, UnsupportedInterpreterException {
        List<MemoryMapping> maps = procFs.maps(pid);
        Path exe = Path.of(stripDeleted(procFs.exe(pid).toString()));
        Map<String, List<MemoryMapping>> files = LoadedImage.byFile(maps);
        for (String candidate : candidates(exe, files)) {
            LoadedImage image = LoadedImage.open(procFs, pid, files.get(candidate));
            Optional<ElfSymbol> runtime = PythonBinaries.runtimeSymbol(image.elf());
            if (runtime.isPresent()) {
                return located(pid, exe, image, runtime.get());
            }
        }
        throw new UnsupportedInterpreterException(("process %d runs %s, which is not CPython 3.7+: neither it nor"
                + " a mapped libpython3.X.so defines %s").formatted(pid, exe, PythonBinaries.RUNTIME_SYMBOL), exe, null);
    }

    private PythonProcess located(int pid, Path exe, LoadedImage image, ElfSymbol runtime)
            throws IOException, UnsupportedInterpreterException {
        boolean inExecutable = image.path().equals(exe);
        PythonVersion version = PythonBinaries.version(image.elf(), image.path(), exe).orElseThrow(() ->
                new UnsupportedInterpreterException("process %d: %s defines %s but its version is unknown (no %s)"
                        .formatted(pid, image.path(), PythonBinaries.RUNTIME_SYMBOL, PythonBinaries.VERSION_SYMBOL),
                        image.path(), null));
        long address = image.runtimeAddress(runtime.value());
        String what = "process " + pid;
        PythonOffsets found = offsets.offsetsFor(version, processRuntime(pid, address))
                .orElseThrow(() -> UnsupportedInterpreterException.noOffsets(what, image.path(), version, offsets));
        return new PythonProcess(pid, exe, inExecutable ? null : image.path(), version, address, found);
    }

    /** The runtime bytes of a live process, read on demand (each call opens /proc/PID/mem). */
    private RuntimeBytes processRuntime(int pid, long runtimeAddress) {
        return (offset, length) -> {
            try (ProcessMemory memory = procFs.openMemory(pid, false)) {
                return memory.read(runtimeAddress + offset, length);
            }
        };
    }

    /** The executable first (a static build wins over a stray libpython), then mapped libpythons. */
    private static List<String> candidates(Path exe, Map<String, List<MemoryMapping>> files) {
        List<String> result = new ArrayList<>();
        if (files.containsKey(exe.toString())) {
            result.add(exe.toString());
        }
        for (String path : files.keySet()) {
            Path name = Path.of(path).getFileName();
            if (name != null && PythonBinaries.isLibpython(name.toString()) && !result.contains(path)) {
                result.add(path);
            }
        }
        return result;
    }

    private static String stripDeleted(String path) {
        return path.endsWith(" (deleted)") ? path.substring(0, path.length() - " (deleted)".length()) : path;
    }
}
