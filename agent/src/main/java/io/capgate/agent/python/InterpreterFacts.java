package io.capgate.agent.python;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Path facts an interpreter reports about itself (run once by {@link InterpreterProbe} with
 * {@code -I -S}, so no {@code .pth} file runs). Used to tell standard library, site-packages
 * and application code apart.
 *
 * @param implementation {@code sys.implementation.name}, {@code cpython} for CPython
 * @param version {@code platform.python_version()}
 * @param executable {@code sys.executable} (the path it was started by, not resolved)
 * @param prefix {@code sys.prefix} (the venv, in a venv)
 * @param basePrefix {@code sys.base_prefix} (the installation)
 * @param venv whether it runs in a virtual environment ({@code pyvenv.cfg} next to it)
 * @param stdlib {@code sysconfig.get_paths()['stdlib']}
 * @param platstdlib {@code sysconfig.get_paths()['platstdlib']}
 * @param purelib {@code sysconfig.get_paths()['purelib']}: where pip installs pure packages
 * @param platlib {@code sysconfig.get_paths()['platlib']}
 * @param sitePackages {@code site.getsitepackages()} as {@code site.main()} would set it up,
 *     including Debian's {@code dist-packages} directories
 * @param userSite {@code site.getusersitepackages()}
 * @param userSiteEnabled whether a normal start would add the user site (false in a venv
 *     without system site-packages; {@code -s}/{@code -I} at run time also disable it)
 * @param libdir {@code sysconfig LIBDIR}, where its libpython is installed, or null
 * @param ldlibrary {@code sysconfig LDLIBRARY}, e.g. {@code libpython3.11.so}, or empty
 */
public record InterpreterFacts(String implementation, PythonVersion version, Path executable, Path prefix,
        Path basePrefix, boolean venv, Path stdlib, Path platstdlib, Path purelib, Path platlib,
        List<Path> sitePackages, Path userSite, boolean userSiteEnabled, Path libdir, String ldlibrary) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Checks the required fields and copies the list. */
    public InterpreterFacts {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(executable, "executable");
        sitePackages = List.copyOf(sitePackages);
    }

    /** True for CPython. */
    public boolean isCPython() {
        return "cpython".equals(implementation);
    }

    /**
     * Parses the JSON printed by {@code interpreter_facts.py}.
     *
     * @param json the output
     * @param source which interpreter printed it, for error messages
     * @throws IllegalArgumentException when it is not the expected JSON object
     */
    public static InterpreterFacts parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " did not print JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " did not print a JSON object");
        }
        List<Path> sitePackages = new ArrayList<>();
        JsonNode sites = root.path("sitePackages");
        if (!sites.isArray()) {
            throw new IllegalArgumentException(source + ": sitePackages is not a list");
        }
        for (JsonNode site : sites.values()) {
            sitePackages.add(Path.of(site.asString()));
        }
        String libdir = text(root, "libdir", source);
        return new InterpreterFacts(text(root, "implementation", source),
                PythonVersion.parse(text(root, "version", source)), path(root, "executable", source),
                path(root, "prefix", source), path(root, "basePrefix", source), root.path("venv").asBoolean(false),
                path(root, "stdlib", source), path(root, "platstdlib", source), path(root, "purelib", source),
                path(root, "platlib", source), sitePackages, path(root, "userSite", source),
                root.path("userSiteEnabled").asBoolean(false), libdir.isEmpty() ? null : Path.of(libdir),
                text(root, "ldlibrary", source));
    }

    private static String text(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || !node.isString()) {
            throw new IllegalArgumentException(source + ": missing or non-text field " + field);
        }
        return node.asString();
    }

    private static Path path(JsonNode root, String field, String source) {
        return Path.of(text(root, field, source));
    }
}
