package io.capgate.agent.supervise;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Current line numbers for reported frames. The kernel reports a frame's code by file, function and first
 * line plus the offset of its last instruction; a helper on the target's own interpreter compiles that file,
 * finds the code object and maps the offset through {@code co_lines()}. Unknown stays 0 (the first line is
 * always reported).
 */
class LineResolver implements AutoCloseable {

    /** Resolves nothing: for tests and when no helper can run. */
    static final LineResolver NONE = new LineResolver();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HELPER = String.join("\n",
            "import sys, json",
            "cache = {}",
            "def walk(co):",
            "    yield co",
            "    for c in co.co_consts:",
            "        if hasattr(c, 'co_lines'):",
            "            yield from walk(c)",
            "def find(path, name, first):",
            "    if path not in cache:",
            "        try:",
            "            with open(path, 'rb') as f:",
            "                cache[path] = list(walk(compile(f.read(), path, 'exec', dont_inherit=True)))",
            "        except Exception:",
            "            cache[path] = []",
            "    for co in cache[path]:",
            "        if co.co_name == name and co.co_firstlineno == first:",
            "            return co",
            "for raw in sys.stdin:",
            "    q = json.loads(raw)",
            "    co, line = find(q['file'], q['name'], q['first']), 0",
            "    if co is not None:",
            "        for start, end, n in co.co_lines():",
            "            if start <= q['offset'] < end and n is not None:",
            "                line = n",
            "                break",
            "    print(json.dumps({'line': line}), flush=True)",
            "");

    private final Process helper;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Map<String, Integer> cache = new HashMap<>();

    private LineResolver() {
        this.helper = null;
        this.in = null;
        this.out = null;
    }

    private LineResolver(Process helper) {
        this.helper = helper;
        this.in = new BufferedWriter(new OutputStreamWriter(helper.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A resolver on the given interpreter; {@link #NONE} if it cannot start. */
    static LineResolver start(Path python) {
        try {
            Process p = new ProcessBuilder(List.of(python.toString(), "-I", "-S", "-c", HELPER))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new LineResolver(p);
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The line executing at {@code offset} (bytes into the code), or 0 when it cannot be told. */
    synchronized int line(String file, String function, int firstLine, long offset) {
        if (helper == null || file == null || !file.startsWith("/") || offset < 0) {
            return 0;
        }
        String key = file + "\0" + function + "\0" + firstLine + "\0" + offset;
        Integer known = cache.get(key);
        if (known != null) {
            return known;
        }
        int line = ask(file, function, firstLine, offset);
        cache.put(key, line);
        return line;
    }

    private int ask(String file, String function, int firstLine, long offset) {
        try {
            in.write(JSON.writeValueAsString(Map.of("file", file, "name", function, "first", firstLine,
                    "offset", offset)));
            in.newLine();
            in.flush();
            String answer = out.readLine();
            JsonNode node = answer == null ? null : JSON.readTree(answer);
            return node == null ? 0 : node.path("line").asInt(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.destroy();
        }
    }
}
