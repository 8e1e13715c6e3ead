package io.capgate.agent.python;

import java.util.List;

/**
 * One interpreter thread read from process memory.
 *
 * @param threadState address of its {@code PyThreadState}
 * @param nativeThreadId the Linux thread id ({@code native_thread_id}); the pid for the main thread
 * @param frames its Python frames, innermost first
 */
public record PythonThread(long threadState, long nativeThreadId, List<PythonFrame> frames) {

    /** Copies the frame list. */
    public PythonThread {
        frames = List.copyOf(frames);
    }
}
