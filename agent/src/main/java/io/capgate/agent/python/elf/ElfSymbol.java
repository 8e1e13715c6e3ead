package io.capgate.agent.python.elf;

/**
 * A symbol table entry.
 *
 * @param name the symbol name
 * @param value its link-time value (for functions and objects: a virtual address)
 * @param size the object or function size in bytes
 * @param type {@code STT_*}: 1 object, 2 function, ...
 * @param bind {@code STB_*}: 0 local, 1 global, 2 weak
 * @param sectionIndex the section it is defined in; 0 ({@code SHN_UNDEF}) when undefined
 */
public record ElfSymbol(String name, long value, long size, int type, int bind, int sectionIndex) {

    /** A data object. */
    public static final int STT_OBJECT = 1;
    /** A function. */
    public static final int STT_FUNC = 2;

    /** True unless the symbol is only referenced here and defined elsewhere. */
    public boolean isDefined() {
        return sectionIndex != 0;
    }
}
