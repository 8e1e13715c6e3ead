/**
 * The bpftrace programs Capgate runs as root, and the one renderer allowed to fill them.
 *
 * <p>Templates hold {@code {{name}}} slots for single values and {@code {{@name}}} slots for generated
 * blocks. A value is either a 64-bit integer, an escaped string literal, or a probe path that passed a
 * strict grammar; blocks are typed map assignments or other templates. Nothing else can be put into a
 * program, so no manifest text reaches bpftrace unescaped.
 */
package io.capgate.templates;
