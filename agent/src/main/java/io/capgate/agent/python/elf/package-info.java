/**
 * A small pure-Java reader for ELF64 little-endian files (x86-64 executables and shared
 * libraries): program and section headers, {@code .dynsym}/{@code .symtab} symbols, the
 * dynamic section ({@code DT_NEEDED}, {@code DT_RUNPATH}) and SystemTap SDT notes
 * ({@code .note.stapsdt}).
 *
 * <p>Files are memory-mapped; every read is bounds-checked, so a truncated or malformed file
 * fails with {@link io.capgate.agent.python.elf.ElfException} and nothing else.
 */
package io.capgate.agent.python.elf;
