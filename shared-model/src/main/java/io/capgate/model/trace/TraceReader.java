package io.capgate.model.trace;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/** Reads one trace from a parser positioned before its first token, checking every type and value. */
final class TraceReader {

    private static final List<String> TRACE_FIELDS = List.of("apiVersion", "service", "arch", "python", "executable",
            "appRoot", "command", "startedAt", "durationMillis", "lostEvents", "modules");
    private static final List<String> MODULE_FIELDS = List.of("syscalls", "exec", "sampleStack");

    private final JsonParser parser;
    private final String source;

    TraceReader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    Trace read() {
        if (parser.nextToken() == null) {
            throw fail("the document is empty; expected a trace object");
        }
        Map<String, Object> f = object("the trace", TRACE_FIELDS, List.of("apiVersion", "arch", "modules"),
                this::traceField);
        if (parser.nextToken() != null) {
            throw fail("found " + found() + " after the trace object; expected the end of the document");
        }
        @SuppressWarnings("unchecked")
        SortedMap<String, TraceModule> modules = (SortedMap<String, TraceModule>) f.get("modules");
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) f.get("command");
        return new Trace((String) f.get("apiVersion"), (String) f.get("service"), (String) f.get("arch"),
                (String) f.get("python"), (String) f.get("executable"), (String) f.get("appRoot"), command,
                (String) f.get("startedAt"), (Long) f.getOrDefault("durationMillis", 0L),
                (Long) f.getOrDefault("lostEvents", 0L), modules);
    }

    private Object traceField(String name) {
        return switch (name) {
            case "apiVersion" -> {
                String v = string(name);
                if (!Trace.API_VERSION.equals(v)) {
                    throw fail("unsupported apiVersion '" + v + "'; this Capgate reads " + Trace.API_VERSION);
                }
                yield v;
            }
            case "arch" -> {
                String v = string(name);
                try {
                    yield Arch.fromId(v).id();
                } catch (IllegalArgumentException e) {
                    throw fail(e.getMessage());
                }
            }
            case "command" -> strings(name);
            case "durationMillis", "lostEvents" -> count(name);
            case "modules" -> counts("modules", this::moduleName, n -> module("module '" + n + "'"));
            default -> string(name);
        };
    }

    private TraceModule module(String what) {
        Map<String, Object> f = object(what, MODULE_FIELDS, List.of(), name -> switch (name) {
            case "syscalls" -> counts(what + " syscalls", this::syscallName, n -> count("count of " + n));
            case "exec" -> counts(what + " exec", this::execPath, n -> count("count of " + n));
            default -> strings(name);
        });
        @SuppressWarnings("unchecked")
        TraceModule module = new TraceModule((SortedMap<String, Long>) f.getOrDefault("syscalls", new TreeMap<>()),
                (SortedMap<String, Long>) f.getOrDefault("exec", new TreeMap<>()), (List<String>) f.get("sampleStack"));
        return module;
    }

    /** An object with known fields; the parser is on the value token. Each field reader starts on its value. */
    private Map<String, Object> object(String what, List<String> known, List<String> required,
                                       Function<String, Object> field) {
        expect(JsonToken.START_OBJECT, what + " must be an object");
        TokenStreamLocation start = parser.currentTokenLocation();
        Map<String, Object> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (!known.contains(name)) {
                throw fail("unknown field '" + name + "' in " + what + "; expected one of " + String.join(", ", known));
            }
            if (values.containsKey(name)) {
                throw fail("duplicate field '" + name + "' in " + what);
            }
            parser.nextToken();
            values.put(name, field.apply(name));
        }
        for (String name : required) {
            if (!values.containsKey(name)) {
                throw fail(start, "missing field '" + name + "' in " + what);
            }
        }
        return values;
    }

    /** A JSON object used as a sorted map: checked keys, values read by {@code value}. */
    private <V> SortedMap<String, V> counts(String what, Function<String, String> key, Function<String, V> value) {
        expect(JsonToken.START_OBJECT, what + " must be an object");
        SortedMap<String, V> map = new TreeMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = key.apply(parser.currentName());
            if (map.containsKey(name)) {
                throw fail("duplicate key '" + name + "' in " + what);
            }
            parser.nextToken();
            map.put(name, value.apply(name));
        }
        return map;
    }

    private String moduleName(String name) {
        if (name.isBlank()) {
            throw fail("module names must not be empty");
        }
        return name;
    }

    private String syscallName(String name) {
        try {
            return SyscallName.parse(name).fullName();
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private String execPath(String path) {
        if (!path.startsWith("/")) {
            throw fail("exec path '" + path + "' must be absolute");
        }
        return path;
    }

    private String string(String what) {
        expect(JsonToken.VALUE_STRING, what + " must be a string");
        return parser.getString();
    }

    private List<String> strings(String what) {
        expect(JsonToken.START_ARRAY, what + " must be an array of strings");
        List<String> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(string("each entry of " + what));
        }
        return values;
    }

    private long count(String what) {
        expect(JsonToken.VALUE_NUMBER_INT, what + " must be a whole number");
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw fail(what + " is too large");
        }
        long value = parser.getLongValue();
        if (value < 0) {
            throw fail(what + " must not be negative, found " + value);
        }
        return value;
    }

    private void expect(JsonToken token, String message) {
        if (parser.currentToken() != token) {
            throw fail(message + ", found " + found());
        }
    }

    private String found() {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the document";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + parser.getString() + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getString();
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getString();
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private TraceFormatException fail(String detail) {
        return fail(parser.currentTokenLocation(), detail);
    }

    private TraceFormatException fail(TokenStreamLocation at, String detail) {
        return new TraceFormatException(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), detail,
                null);
    }
}
