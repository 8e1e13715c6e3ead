package io.capgate.agent.python.elf;

/**
 * A SystemTap SDT (USDT) probe from a {@code .note.stapsdt} note, with addresses already
 * adjusted for the actual address of {@code .stapsdt.base} (see {@link SdtNotes}).
 *
 * @param provider provider name, e.g. {@code python}
 * @param name probe name, e.g. {@code function__entry}
 * @param pc link-time address of the probe's nop instruction
 * @param base link-time address of {@code .stapsdt.base} recorded in the note
 * @param semaphore link-time address of the probe's 16-bit semaphore, 0 when it has none
 * @param arguments the argument description, e.g. {@code 8@%rbx 8@%r15}
 */
public record SdtProbe(String provider, String name, long pc, long base, long semaphore, String arguments) {

    /** True when the probe has a semaphore that a tracer must increment to enable it. */
    public boolean hasSemaphore() {
        return semaphore != 0;
    }
}
