package io.capgate.agent.python.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and corrupted ELF input must fail with {@link ElfException} and nothing else,
 * through every accessor. Fixed seeds keep failures reproducible.
 */
class ElfFuzzTest {

    private static final long SEED = Long.getLong("elf.fuzz.seed", 0xC0FFEE);
    /** Per sample; raise with -Delf.fuzz.iterations=100000 for a longer local run. */
    private static final int ITERATIONS = Integer.getInteger("elf.fuzz.iterations", 400);

    @Test
    void truncationsOnlyEverThrowElfException() throws Exception {
        Random random = new Random(SEED);
        for (byte[] sample : samples()) {
            for (int i = 0; i < ITERATIONS; i++) {
                int length = i < 100 ? i : random.nextInt(sample.length);
                exercise(ByteBuffer.wrap(sample, 0, length).slice(), "truncated to " + length);
            }
        }
    }

    @Test
    void corruptionsOnlyEverThrowElfException() throws Exception {
        Random random = new Random(SEED + 1);
        for (byte[] sample : samples()) {
            int headerArea = Math.min(sample.length, 4096);
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] copy = sample.clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    // Mostly hit the headers; sometimes anywhere (section headers sit at the end).
                    int at = random.nextBoolean() ? random.nextInt(headerArea) : random.nextInt(copy.length);
                    copy[at] = (byte) random.nextInt(256);
                }
                exercise(ByteBuffer.wrap(copy), "corruption #" + i);
            }
        }
    }

    @Test
    void theUntouchedSamplesParse() throws Exception {
        for (byte[] sample : samples()) {
            assertThat(ElfFile.parse(ByteBuffer.wrap(sample), "sample").loadSegments()).isNotEmpty();
        }
    }

    private static void exercise(ByteBuffer bytes, String what) {
        try {
            ElfFile elf = ElfFile.parse(bytes, what);
            elf.loadSegments();
            elf.symbol("_PyRuntime");
            elf.symbol("Py_Version").ifPresent(s -> readQuietly(elf, s.value()));
            elf.dynamic();
            elf.sdtProbes();
            elf.fileOffsetOf(0x1000);
        } catch (ElfException expected) {
            assertThat(expected.getMessage()).startsWith(what + ":");
        } catch (Throwable other) {
            fail(what + " threw " + other, other);
        }
    }

    private static void readQuietly(ElfFile elf, long address) {
        try {
            elf.readVirtual(address, 4);
        } catch (ElfException expected) {
            // fine
        }
    }

    /** The synthetic file, the running JVM's launcher, and Debian's python3.11 when installed. */
    private static List<byte[]> samples() throws Exception {
        List<byte[]> samples = new ArrayList<>();
        samples.add(FakePython.bytes(ElfFile.ET_DYN));
        samples.add(FakePython.bytes(ElfFile.ET_EXEC));
        Path java = Path.of(ProcessHandle.current().info().command().orElse("/proc/self/exe"));
        samples.add(Files.readAllBytes(java));
        Path python = Path.of("/usr/bin/python3.11");
        if (Files.isRegularFile(python)) {
            samples.add(Files.readAllBytes(python));
        }
        return samples;
    }
}
