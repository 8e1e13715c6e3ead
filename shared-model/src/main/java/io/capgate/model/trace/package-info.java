/**
 * Traces: what a traced Python program did, per module.
 *
 * <ul>
 *   <li>{@link io.capgate.model.trace.Trace} and {@link io.capgate.model.trace.TraceModule}: the immutable model.</li>
 *   <li>{@link io.capgate.model.trace.TraceJson}: the JSON file format, with
 *       {@link io.capgate.model.trace.TraceFormatException} pointing at the line and column of a bad file.</li>
 *   <li>{@link io.capgate.model.trace.TraceMerger}: several traces of one service combined into one.</li>
 * </ul>
 */
package io.capgate.model.trace;
