package io.capgate.agent.python;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Byte offsets and sizes of the CPython structures Capgate's stack walker follows, for one
 * minor version. Keys in the generated {@code .properties} files are listed in {@link #KEYS}
 * (same order as the components); each component is the key in camel case, e.g.
 * {@code tstate.native_thread_id} is {@link #tstateNativeThreadId()}.
 *
 * <p>Walk (3.11): {@code _PyRuntime + runtimeInterpretersHead} → interpreter
 * {@code + interpThreadsHead} → thread state (list via {@code tstateNext}) {@code + tstateCframe}
 * → {@code _PyCFrame + cframeCurrentFrame} → {@code _PyInterpreterFrame} (list via
 * {@code iframePrevious}) {@code + iframeFCode} → code object → {@code co_filename} etc., which
 * are {@code str} objects read with the {@code unicode*} fields.
 *
 * @param pyversionHex {@code PY_VERSION_HEX} of the headers the values were generated from
 * @param runtimeInterpretersHead {@code _PyRuntimeState.interpreters.head}
 * @param interpThreadsHead {@code PyInterpreterState.threads.head}
 * @param tstateNext {@code PyThreadState.next}
 * @param tstateNativeThreadId {@code PyThreadState.native_thread_id} (the Linux tid)
 * @param tstateCframe {@code PyThreadState.cframe}
 * @param cframeCurrentFrame {@code _PyCFrame.current_frame}
 * @param iframeFCode {@code _PyInterpreterFrame.f_code}
 * @param iframePrevious {@code _PyInterpreterFrame.previous}
 * @param iframePrevInstr {@code _PyInterpreterFrame.prev_instr}
 * @param iframeOwner {@code _PyInterpreterFrame.owner} (a char)
 * @param codeCoFilename {@code PyCodeObject.co_filename}
 * @param codeCoName {@code PyCodeObject.co_name}
 * @param codeCoQualname {@code PyCodeObject.co_qualname}
 * @param codeCoFirstlineno {@code PyCodeObject.co_firstlineno} (an int)
 * @param codeCoLinetable {@code PyCodeObject.co_linetable}
 * @param codeCoCodeAdaptive {@code PyCodeObject.co_code_adaptive} (inline bytecode)
 * @param unicodeState {@code PyASCIIObject.state} (a 32-bit bitfield word)
 * @param unicodeLength {@code PyASCIIObject.length} (a {@code Py_ssize_t})
 * @param unicodeAsciiSize {@code sizeof(PyASCIIObject)}: data of compact ASCII strings follows
 * @param unicodeCompactSize {@code sizeof(PyCompactUnicodeObject)}: data of other compact strings follows
 * @param unicodeStateKindShift lowest bit of {@code state.kind}
 * @param unicodeStateKindWidth bits of {@code state.kind}
 * @param unicodeStateCompactShift bit of {@code state.compact}
 * @param unicodeStateCompactWidth bits of {@code state.compact} (1)
 * @param unicodeStateAsciiShift bit of {@code state.ascii}
 * @param unicodeStateAsciiWidth bits of {@code state.ascii} (1)
 */
public record PythonOffsets(long pyversionHex, long runtimeInterpretersHead, long interpThreadsHead,
        long tstateNext, long tstateNativeThreadId, long tstateCframe, long cframeCurrentFrame, long iframeFCode,
        long iframePrevious, long iframePrevInstr, long iframeOwner, long codeCoFilename, long codeCoName,
        long codeCoQualname, long codeCoFirstlineno, long codeCoLinetable, long codeCoCodeAdaptive,
        long unicodeState, long unicodeLength, long unicodeAsciiSize, long unicodeCompactSize,
        long unicodeStateKindShift, long unicodeStateKindWidth, long unicodeStateCompactShift,
        long unicodeStateCompactWidth, long unicodeStateAsciiShift, long unicodeStateAsciiWidth) {

    /** The {@code .properties} keys, in component order. */
    public static final List<String> KEYS = List.of("pyversion.hex", "runtime.interpreters_head",
            "interp.threads_head", "tstate.next", "tstate.native_thread_id", "tstate.cframe",
            "cframe.current_frame", "iframe.f_code", "iframe.previous", "iframe.prev_instr", "iframe.owner",
            "code.co_filename", "code.co_name", "code.co_qualname", "code.co_firstlineno", "code.co_linetable",
            "code.co_code_adaptive", "unicode.state", "unicode.length", "unicode.ascii_size",
            "unicode.compact_size", "unicode.state_kind_shift", "unicode.state_kind_width",
            "unicode.state_compact_shift", "unicode.state_compact_width", "unicode.state_ascii_shift",
            "unicode.state_ascii_width");

    /** Rejects negative values: offsets and sizes are never negative. */
    public PythonOffsets {
        long[] all = {pyversionHex, runtimeInterpretersHead, interpThreadsHead, tstateNext, tstateNativeThreadId,
            tstateCframe, cframeCurrentFrame, iframeFCode, iframePrevious, iframePrevInstr, iframeOwner,
            codeCoFilename, codeCoName, codeCoQualname, codeCoFirstlineno, codeCoLinetable, codeCoCodeAdaptive,
            unicodeState, unicodeLength, unicodeAsciiSize, unicodeCompactSize, unicodeStateKindShift,
            unicodeStateKindWidth, unicodeStateCompactShift, unicodeStateCompactWidth, unicodeStateAsciiShift,
            unicodeStateAsciiWidth};
        for (int i = 0; i < all.length; i++) {
            if (all[i] < 0) {
                throw new IllegalArgumentException(KEYS.get(i) + " is negative: " + all[i]);
            }
        }
    }

    /**
     * Reads the values from a generated {@code .properties} file.
     *
     * @param properties the loaded file
     * @param source where it came from, for error messages
     * @throws OffsetsFormatException when a key is missing or not a number
     */
    public static PythonOffsets fromProperties(Properties properties, String source) {
        long[] v = new long[KEYS.size()];
        for (int i = 0; i < v.length; i++) {
            String key = KEYS.get(i);
            String text = properties.getProperty(key);
            if (text == null) {
                throw new OffsetsFormatException(source + " has no " + key);
            }
            try {
                v[i] = Long.decode(text.strip());
            } catch (NumberFormatException e) {
                throw new OffsetsFormatException("%s: %s is not a number: '%s'".formatted(source, key, text));
            }
        }
        return new PythonOffsets(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24], v[25], v[26]);
    }

    /** The values keyed as in the {@code .properties} file, in {@link #KEYS} order (for templates). */
    public Map<String, Long> asMap() {
        long[] v = {pyversionHex, runtimeInterpretersHead, interpThreadsHead, tstateNext, tstateNativeThreadId,
            tstateCframe, cframeCurrentFrame, iframeFCode, iframePrevious, iframePrevInstr, iframeOwner,
            codeCoFilename, codeCoName, codeCoQualname, codeCoFirstlineno, codeCoLinetable, codeCoCodeAdaptive,
            unicodeState, unicodeLength, unicodeAsciiSize, unicodeCompactSize, unicodeStateKindShift,
            unicodeStateKindWidth, unicodeStateCompactShift, unicodeStateCompactWidth, unicodeStateAsciiShift,
            unicodeStateAsciiWidth};
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            map.put(KEYS.get(i), v[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The version of the headers these offsets were generated from. */
    public PythonVersion generatedFrom() {
        return PythonVersion.fromHex(pyversionHex);
    }

    /** {@code state.kind} of a {@code str}: 1, 2 or 4 bytes per character (0 in 3.11 = legacy wchar). */
    public int unicodeKind(int state) {
        return bits(state, unicodeStateKindShift, unicodeStateKindWidth);
    }

    /** {@code state.compact}: the character data follows the object header. */
    public boolean unicodeCompact(int state) {
        return bits(state, unicodeStateCompactShift, unicodeStateCompactWidth) != 0;
    }

    /** {@code state.ascii}: all characters are ASCII (and, when compact, data starts at {@link #unicodeAsciiSize}). */
    public boolean unicodeAscii(int state) {
        return bits(state, unicodeStateAsciiShift, unicodeStateAsciiWidth) != 0;
    }

    private static int bits(int word, long shift, long width) {
        return (int) ((Integer.toUnsignedLong(word) >>> shift) & ((1L << width) - 1));
    }
}
