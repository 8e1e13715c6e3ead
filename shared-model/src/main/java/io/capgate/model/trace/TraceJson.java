package io.capgate.model.trace;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallName;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trace file format: pretty-printed JSON with a fixed key order, so traces diff well.
 *
 * <pre>{@code
 * {
 *   "apiVersion" : "capgate.io/v1", "service" : ..., "arch" : "x86_64", "python" : ..., "executable" : ...,
 *   "appRoot" : ..., "command" : [ ... ], "startedAt" : ..., "durationMillis" : 0, "lostEvents" : 0,
 *   "modules" : { "<module>" : { "syscalls" : { "openat:write" : 3 }, "exec" : { "/usr/bin/git" : 1 },
 *                                "sampleStack" : [ "file:function:line" ] } }
 * }
 * }</pre>
 *
 * <p>{@code apiVersion}, {@code arch} and {@code modules} are required; the other fields default to empty or zero.
 * Unknown fields are errors, so typos do not pass silently.
 */
public final class TraceJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TraceJson() {
    }

    /**
     * The JSON text of {@code trace}, ending with a newline.
     *
     * @throws IllegalArgumentException when the trace could not be read back: unknown apiVersion or arch, an invalid
     *                                  syscall name, a negative count or a relative exec path
     */
    public static String write(Trace trace) {
        Objects.requireNonNull(trace, "trace");
        check(trace);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("apiVersion", trace.apiVersion());
        root.put("service", trace.service());
        root.put("arch", trace.arch());
        root.put("python", trace.python());
        root.put("executable", trace.executable());
        root.put("appRoot", trace.appRoot());
        ArrayNode command = root.putArray("command");
        trace.command().forEach(command::add);
        root.put("startedAt", trace.startedAt());
        root.put("durationMillis", trace.durationMillis());
        root.put("lostEvents", trace.lostEvents());
        ObjectNode modules = root.putObject("modules");
        trace.modules().forEach((name, module) -> {
            ObjectNode m = modules.putObject(name);
            counts(m.putObject("syscalls"), module.syscalls());
            counts(m.putObject("exec"), module.exec());
            ArrayNode stack = m.putArray("sampleStack");
            module.sampleStack().forEach(stack::add);
        });
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Reads a trace written by {@link #write(Trace)} (or by hand).
     *
     * @param json       the JSON text
     * @param sourceName where it came from, for messages (a file path, {@code <stdin>})
     * @throws TraceFormatException with line and column when the text is not JSON, a value has the wrong type or is
     *                              invalid, or a required field is missing
     */
    public static Trace read(String json, String sourceName) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        try (JsonParser parser = MAPPER.createParser(json)) {
            return new TraceReader(parser, sourceName).read();
        } catch (TraceFormatException e) {
            throw e;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw new TraceFormatException(sourceName, line, column, "malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static void check(Trace trace) {
        if (!Trace.API_VERSION.equals(trace.apiVersion())) {
            throw new IllegalArgumentException("unsupported apiVersion '" + trace.apiVersion() + "'; expected "
                    + Trace.API_VERSION);
        }
        Arch.fromId(trace.arch());
        requireNotNegative("durationMillis", trace.durationMillis());
        requireNotNegative("lostEvents", trace.lostEvents());
        trace.modules().forEach((name, module) -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("module names must not be empty");
            }
            module.syscalls().forEach((syscall, count) -> {
                SyscallName.parse(syscall);
                requireNotNegative("module '" + name + "' count of " + syscall, count);
            });
            module.exec().forEach((path, count) -> {
                if (!path.startsWith("/")) {
                    throw new IllegalArgumentException("module '" + name + "' exec path '" + path
                            + "' must be absolute");
                }
                requireNotNegative("module '" + name + "' count of " + path, count);
            });
        });
    }

    private static void requireNotNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, found " + value);
        }
    }
}
