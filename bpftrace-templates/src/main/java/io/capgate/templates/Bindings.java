package io.capgate.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values for one rendering. Each setter turns its value into program text through {@link BpfLiterals}. */
public final class Bindings {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> blocks = new LinkedHashMap<>();

    public Bindings integer(String name, long value) {
        return value(name, BpfLiterals.integer(value));
    }

    public Bindings bool(String name, boolean value) {
        return integer(name, value ? 1 : 0);
    }

    public Bindings string(String name, String value) {
        return value(name, BpfLiterals.string(value));
    }

    public Bindings probePath(String name, String path) {
        return value(name, BpfLiterals.probePath(path));
    }

    public Bindings symbol(String name, String symbol) {
        return value(name, BpfLiterals.symbol(symbol));
    }

    /** A block of integer map assignments. */
    public Bindings entries(String name, List<MapEntry> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach(e -> lines.add(e.render()));
        return block(name, String.join("\n", lines));
    }

    /** A block made of another template rendered {@code times} times with these same bindings. */
    public Bindings repeat(String name, String fragment, int times) {
        if (times < 0 || times > 16) {
            throw new TemplateException("repeat count must be 0..16, got " + times);
        }
        blocks.put(name, "\0fragment:" + fragment + ":" + times);
        return this;
    }

    private Bindings value(String name, String text) {
        if (values.putIfAbsent(name, text) != null) {
            throw new TemplateException("slot {{" + name + "}} bound twice");
        }
        return this;
    }

    private Bindings block(String name, String text) {
        if (blocks.putIfAbsent(name, text) != null) {
            throw new TemplateException("block {{@" + name + "}} bound twice");
        }
        return this;
    }

    String value(String name) {
        return values.get(name);
    }

    String block(String name) {
        return blocks.get(name);
    }
}
