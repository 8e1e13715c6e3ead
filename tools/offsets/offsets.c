/*
 * Prints the CPython struct offsets Capgate's stack walker needs, as a Java
 * .properties file on stdout. Compiled by gen-offsets.sh against one
 * interpreter's headers (with -DPy_BUILD_CORE so the internal headers open).
 *
 * Supported: CPython 3.11 and 3.12 (the layouts these keys describe).
 * 3.13+ publishes the same facts at run time in the _Py_DebugOffsets block
 * at the start of _PyRuntime (cookie "xdebugpy"); read that instead.
 *
 * Bit positions in PyASCIIObject.state cannot be taken with offsetof, so
 * they are measured: zero a PyASCIIObject, set one bitfield to all ones,
 * copy the state word out and report the lowest set bit and the run length.
 * That follows whatever layout this compiler gives the bitfields, which is
 * the layout the interpreter was built with (the x86-64 SysV ABI fixes how
 * bitfields are allocated: from the least significant bit upwards).
 * Readers test a flag as ((state >> shift) & ((1 << width) - 1)) on the
 * 32-bit word at unicode.state.
 */
#ifndef Py_BUILD_CORE
#define Py_BUILD_CORE 1
#endif
#include <Python.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030D0000
#error "offsets.c supports CPython 3.11 and 3.12 only; 3.13+ exposes _Py_DebugOffsets in _PyRuntime"
#endif

#include "internal/pycore_runtime.h"
#include "internal/pycore_interp.h"
#include "internal/pycore_frame.h"

#define FIELD(key, type, member) printf("%s=%zu\n", key, offsetof(type, member))
#define SIZE(key, type) printf("%s=%zu\n", key, sizeof(type))

/* Lowest set bit and number of set bits of the state word after one field
 * was set to all ones. */
static void print_bits(const char *name, const PyASCIIObject *o)
{
    uint64_t word = 0;
    size_t n = sizeof(o->state) < sizeof(word) ? sizeof(o->state) : sizeof(word);
    memcpy(&word, (const char *)o + offsetof(PyASCIIObject, state), n);
    int shift = -1, width = 0;
    for (int bit = 0; bit < 64; bit++) {
        if (word & ((uint64_t)1 << bit)) {
            if (shift < 0) {
                shift = bit;
            }
            width++;
        }
    }
    printf("unicode.state_%s_shift=%d\n", name, shift);
    printf("unicode.state_%s_width=%d\n", name, width);
}

#define BITS(name) do {                       \
        PyASCIIObject o;                      \
        memset(&o, 0, sizeof(o));             \
        o.state.name = 0;                     \
        o.state.name -= 1; /* all ones */     \
        print_bits(#name, &o);                \
    } while (0)

int main(void)
{
    printf("pyversion.hex=0x%08lx\n", (unsigned long)PY_VERSION_HEX);
    FIELD("runtime.interpreters_head", _PyRuntimeState, interpreters.head);
    FIELD("interp.threads_head", PyInterpreterState, threads.head);
    FIELD("tstate.next", PyThreadState, next);
    FIELD("tstate.native_thread_id", PyThreadState, native_thread_id);
    FIELD("tstate.cframe", PyThreadState, cframe);
    FIELD("cframe.current_frame", _PyCFrame, current_frame);
    FIELD("iframe.f_code", _PyInterpreterFrame, f_code);
    FIELD("iframe.previous", _PyInterpreterFrame, previous);
    FIELD("iframe.prev_instr", _PyInterpreterFrame, prev_instr);
    FIELD("iframe.owner", _PyInterpreterFrame, owner);
    FIELD("code.co_filename", PyCodeObject, co_filename);
    FIELD("code.co_name", PyCodeObject, co_name);
    FIELD("code.co_qualname", PyCodeObject, co_qualname);
    FIELD("code.co_firstlineno", PyCodeObject, co_firstlineno);
    FIELD("code.co_linetable", PyCodeObject, co_linetable);
    FIELD("code.co_code_adaptive", PyCodeObject, co_code_adaptive);
    FIELD("unicode.state", PyASCIIObject, state);
    FIELD("unicode.length", PyASCIIObject, length);
    SIZE("unicode.ascii_size", PyASCIIObject);
    SIZE("unicode.compact_size", PyCompactUnicodeObject);
    BITS(kind);
    BITS(compact);
    BITS(ascii);
    return 0;
}
