package io.capgate.templates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a bpftrace template from the classpath with {@link Bindings}.
 *
 * <p>Fails on any slot without a binding, so a forgotten value can never leave {@code {{x}}} (or worse,
 * an empty string) in a program that runs as root.
 */
public final class Renderer {

    private static final Pattern SLOT = Pattern.compile("\\{\\{(@?)([A-Za-z][A-Za-z0-9]*)}}");
    private static final String ROOT = "/io/capgate/templates/";

    private Renderer() {
    }

    public static String render(String template, Bindings bindings) {
        return fill(load(template), bindings, 0);
    }

    private static String fill(String text, Bindings bindings, int depth) {
        if (depth > 4) {
            throw new TemplateException("templates nest too deeply");
        }
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 1024);
        while (m.find()) {
            boolean block = !m.group(1).isEmpty();
            String name = m.group(2);
            String replacement = block ? blockText(name, bindings, depth) : bindings.value(name);
            if (replacement == null) {
                throw new TemplateException("no value bound for " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String blockText(String name, Bindings bindings, int depth) {
        String block = bindings.block(name);
        if (block == null || !block.startsWith("\0fragment:")) {
            return block;
        }
        String[] parts = block.substring(1).split(":");
        int times = Integer.parseInt(parts[2]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < times; i++) {
            // {{isLast}} is the one per-repetition value: 1 in the final copy, 0 before it.
            String text = load(parts[1]).replace("{{isLast}}", i == times - 1 ? "1" : "0");
            out.append(fill(text, bindings, depth + 1));
        }
        return out.toString();
    }

    static String load(String template) {
        if (!template.matches("[a-z0-9-]+\\.bt\\.tmpl")) {
            throw new TemplateException("not a template name: " + template);
        }
        try (InputStream in = Renderer.class.getResourceAsStream(ROOT + template)) {
            if (in == null) {
                throw new TemplateException("no template " + template + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + template + ": " + e.getMessage());
        }
    }
}
