package io.capgate.agent.python;

import io.capgate.agent.python.elf.ElfException;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.ElfSymbol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognising CPython binaries: names, the {@code _PyRuntime} symbol and the version. */
public final class PythonBinaries {

    /** The global every CPython 3.7+ runtime exports; the stack walk starts there. */
    public static final String RUNTIME_SYMBOL = "_PyRuntime";
    /** {@code const unsigned long Py_Version = PY_VERSION_HEX}, exported since 3.11. */
    public static final String VERSION_SYMBOL = "Py_Version";

    private static final Pattern LIBPYTHON = Pattern.compile("libpython(\\d+)\\.(\\d+)[a-z]*\\.so(\\..*)?");
    private static final Pattern PYTHON_NAME = Pattern.compile("(?:lib)?python(\\d+)\\.(\\d+).*");

    private PythonBinaries() {
    }

    /** True for {@code libpython3.11.so.1.0}, {@code libpython3.12d.so} and the like. */
    public static boolean isLibpython(String fileName) {
        return LIBPYTHON.matcher(fileName).matches();
    }

    /** The defined {@code _PyRuntime} symbol, if this file is a CPython runtime. */
    public static Optional<ElfSymbol> runtimeSymbol(ElfFile elf) throws ElfException {
        return elf.symbol(RUNTIME_SYMBOL).filter(s -> s.type() == ElfSymbol.STT_OBJECT || s.type() == 0);
    }

    /**
     * The interpreter version: {@code Py_Version} read from the file when exported (3.11+),
     * else major.minor from a file name such as {@code python3.10} or {@code libpython3.10.so.1.0}.
     *
     * @param elf the file holding {@code _PyRuntime}
     * @param names file names to try for the fallback, most specific first
     */
    public static Optional<PythonVersion> version(ElfFile elf, Path... names) throws ElfException {
        Optional<ElfSymbol> symbol = elf.symbol(VERSION_SYMBOL);
        if (symbol.isPresent() && symbol.get().size() >= 4) {
            long hex = Integer.toUnsignedLong(ByteBuffer.wrap(elf.readVirtual(symbol.get().value(), 4))
                    .order(ByteOrder.LITTLE_ENDIAN).getInt());
            return Optional.of(PythonVersion.fromHex(hex));
        }
        for (Path name : names) {
            if (name != null && name.getFileName() != null) {
                Matcher m = PYTHON_NAME.matcher(name.getFileName().toString());
                if (m.matches()) {
                    return Optional.of(new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0));
                }
            }
        }
        return Optional.empty();
    }
}
