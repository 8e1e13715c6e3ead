/**
 * Syscall names, numbers and capability groups.
 *
 * <ul>
 *   <li>{@link io.capgate.model.syscalls.Arch}: the two supported architectures.</li>
 *   <li>{@link io.capgate.model.syscalls.SyscallTable}: name to number per architecture, generated from the
 *       kernel headers by {@code tools/gen-syscall-tables.sh}, and the kernel index used in the eBPF maps.</li>
 *   <li>{@link io.capgate.model.syscalls.SyscallName} and {@link io.capgate.model.syscalls.SyscallVariant}: full
 *       syscall names such as {@code openat:write}, which the engine tells apart by argument.</li>
 *   <li>{@link io.capgate.model.syscalls.CapabilityCatalog}: named groups of syscalls ({@code net.connect},
 *       {@code fs.write}, ...) that manifests use instead of long syscall lists.</li>
 * </ul>
 *
 * <p>Everything here is immutable and safe to share between threads.
 */
package io.capgate.model.syscalls;
