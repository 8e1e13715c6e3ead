package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;

import java.util.Map;

/**
 * Manifests for tests, shipped in the shared-model test-jar for agent and portal tests.
 *
 * <p>{@link #aManifest()} is a small FastAPI service on x86_64, exactly what {@code ManifestBuilder} builds from
 * {@code TraceFixtures.aTrace()} with the default options, so {@code ManifestChecker} finds nothing in that trace.
 * {@link #A_MANIFEST_YAML} is its canonical YAML text.
 */
public final class ManifestFixtures {

    /** The canonical YAML of {@link #aManifest()}. */
    public static final String A_MANIFEST_YAML = """
            apiVersion: capgate.io/v1
            service: fastapi-demo
            arch: x86_64
            python: "3.11"
            defaults:
              capabilities: [mem, sys.basic]
              syscalls: []
            modules:
              "<interpreter>":
                capabilities: [fs.read, io]
                syscalls: []
                exec: []
              app.main:
                capabilities: [fs.read, io]
                syscalls: []
                exec: [/usr/bin/git]
              uvicorn:
                capabilities: [net.listen]
                syscalls: []
                exec: []
            """;

    private ManifestFixtures() {
    }

    /**
     * Service {@code fastapi-demo}, x86_64, Python 3.11, defaults {@code sys.basic} and {@code mem};
     * {@code <interpreter>} and {@code app.main} read files, {@code app.main} may run git, {@code uvicorn} serves.
     */
    public static Manifest aManifest() {
        return Manifest.of("fastapi-demo", "x86_64", "3.11",
                policy().capabilities("sys.basic", "mem").build(),
                Map.of(ModulePolicy.INTERPRETER, policy().capabilities("fs.read", "io").build(),
                        "app.main", policy().capabilities("io", "fs.read").exec("/usr/bin/git").build(),
                        "uvicorn", policy().capabilities("net.listen").build()));
    }

    /** {@link #aManifest()} with {@code module}'s policy set to {@code policy}, added or replaced. */
    public static Manifest aManifestWith(String module, ModulePolicy policy) {
        return aManifest().withModule(module, policy);
    }

    /** {@link #aManifest()} with {@code module}'s policy set to what {@code policy} built. */
    public static Manifest aManifestWith(String module, ModulePolicies.Builder policy) {
        return aManifestWith(module, policy.build());
    }
}
