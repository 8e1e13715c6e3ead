package io.capgate.agent.python;

import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.ElfSymbol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ELF file of an interpreter that defines {@code _PyRuntime}, found from the executable:
 * the executable itself (static build) or the {@code libpython3.X.so} named by its
 * {@code DT_NEEDED}, located like the dynamic loader would, with the interpreter's own
 * {@code LIBDIR} as a last resort.
 */
record RuntimeBinary(Path path, ElfFile elf, ElfSymbol symbol) {

    /** Supplies the interpreter's LIBDIR (by running it); only asked when the loader paths fail. */
    interface LibdirSupplier {
        Path get() throws IOException;
    }

    static RuntimeBinary find(Path executable, ElfFile exeElf, LibraryResolver libraries, LibdirSupplier libdir)
            throws IOException, UnsupportedInterpreterException {
        Optional<ElfSymbol> own = PythonBinaries.runtimeSymbol(exeElf);
        if (own.isPresent()) {
            return new RuntimeBinary(executable, exeElf, own.get());
        }
        List<String> libpythons = exeElf.dynamic().needed().stream()
                .filter(n -> PythonBinaries.isLibpython(Path.of(n).getFileName().toString())).toList();
        if (libpythons.isEmpty()) {
            throw new UnsupportedInterpreterException(("%s is not CPython 3.7+: it does not define %s and links no"
                    + " libpython3.X.so (needs %s)").formatted(executable, PythonBinaries.RUNTIME_SYMBOL,
                    exeElf.dynamic().needed()), executable, null);
        }
        String soname = libpythons.get(0);
        Optional<Path> library = libraries.resolve(soname, exeElf.dynamic(), executable);
        if (library.isEmpty()) {
            Path dir = libdir.get();
            library = dir == null ? Optional.empty() : LibraryResolver.inDirectories(soname, List.of(dir));
        }
        Path path = library.orElseThrow(() -> new IOException(
                "%s needs %s, which is not on its run path, LD_LIBRARY_PATH, the ld.so cache or its LIBDIR"
                        .formatted(executable, soname))).toRealPath();
        ElfFile libElf = ElfFile.open(path);
        ElfSymbol symbol = PythonBinaries.runtimeSymbol(libElf).orElseThrow(() -> new UnsupportedInterpreterException(
                "%s (linked by %s) does not define %s".formatted(path, executable, PythonBinaries.RUNTIME_SYMBOL),
                path, null));
        return new RuntimeBinary(path, libElf, symbol);
    }
}
