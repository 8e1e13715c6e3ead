package io.capgate.agent.python;

import io.capgate.agent.os.MemoryMapping;
import io.capgate.agent.os.ProcFs;
import io.capgate.agent.os.ProcessMemory;
import io.capgate.agent.python.elf.ElfException;
import io.capgate.agent.python.elf.SdtProbe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Arms USDT probe semaphores of a running process, as a tracer must before probes guarded by
 * a semaphore fire (CPython's {@code python:function__entry} etc. only call the probe when
 * the semaphore is non-zero). Arming increments each 16-bit counter at its relocated address
 * through {@code /proc/PID/mem}; {@link ArmedSemaphores#close()} decrements it. The counter is
 * shared with other tracers; read-modify-write is not atomic against one arming at the same
 * instant (the kernel's own uprobe ref_ctr_offset support is).
 */
public final class UsdtSemaphores {

    private final ProcFs procFs;

    /**
     * Creates the helper.
     *
     * @param procFs access to {@code /proc}
     */
    public UsdtSemaphores(ProcFs procFs) {
        this.procFs = procFs;
    }

    /** Probes of one provider, e.g. {@code "python"}. */
    public static Predicate<SdtProbe> provider(String provider) {
        return probe -> probe.provider().equals(provider);
    }

    /**
     * Finds the semaphores of the probes matching {@code filter} in every executable file mapped
     * by the process, without changing them.
     */
    public List<UsdtSemaphore> find(int pid, Predicate<SdtProbe> filter) throws IOException {
        Map<Long, UsdtSemaphore> found = new LinkedHashMap<>();
        for (List<MemoryMapping> file : LoadedImage.byFile(procFs.maps(pid)).values()) {
            if (file.stream().noneMatch(MemoryMapping::executable)) {
                continue;
            }
            LoadedImage image;
            try {
                image = LoadedImage.open(procFs, pid, file);
            } catch (ElfException notElf) {
                continue;
            }
            for (SdtProbe probe : image.elf().sdtProbes()) {
                if (probe.hasSemaphore() && filter.test(probe)) {
                    long address = image.runtimeAddress(probe.semaphore());
                    String label = probe.provider() + ":" + probe.name();
                    UsdtSemaphore old = found.get(address);
                    List<String> probes = new ArrayList<>(old == null ? List.of() : old.probes());
                    if (!probes.contains(label)) {
                        probes.add(label);
                    }
                    found.put(address, new UsdtSemaphore(image.path(), address, probes));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Increments the semaphores of the probes matching {@code filter}; all or none.
     *
     * @return a handle that decrements them on close
     * @throws IOException when the process or its memory cannot be read or written (nothing
     *     stays armed then)
     */
    public ArmedSemaphores arm(int pid, Predicate<SdtProbe> filter) throws IOException {
        List<UsdtSemaphore> semaphores = find(pid, filter);
        ProcessMemory memory = procFs.openMemory(pid, true);
        List<UsdtSemaphore> done = new ArrayList<>();
        try {
            for (UsdtSemaphore semaphore : semaphores) {
                int value = memory.readUnsignedShort(semaphore.address());
                if (value == 0xffff) {
                    throw new IOException("semaphore of %s at 0x%x in process %d is saturated"
                            .formatted(semaphore.probes(), semaphore.address(), pid));
                }
                memory.writeShort(semaphore.address(), value + 1);
                done.add(semaphore);
            }
            return new ArmedSemaphores(pid, memory, done);
        } catch (IOException | RuntimeException e) {
            try (memory) {
                decrementAll(memory, done);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Decrements each semaphore still above zero; stops quietly once the process is gone. */
    static void decrementAll(ProcessMemory memory, List<UsdtSemaphore> semaphores) {
        for (UsdtSemaphore semaphore : semaphores) {
            try {
                int value = memory.readUnsignedShort(semaphore.address());
                if (value > 0) {
                    memory.writeShort(semaphore.address(), value - 1);
                }
            } catch (IOException processGone) {
                return;
            }
        }
    }
}
