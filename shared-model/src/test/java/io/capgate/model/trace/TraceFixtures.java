package io.capgate.model.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Traces for tests, shipped in the shared-model test-jar for agent and portal tests.
 *
 * <p>{@link #aTrace()} is one minute of the {@code fastapi-demo} service of {@code ManifestFixtures.aManifest()} on
 * x86_64: the interpreter reads files, {@code app.main} reads files, draws random numbers and runs git, and
 * {@code uvicorn} serves. {@link #A_TRACE_JSON} is its JSON text as {@link TraceJson#write(Trace)} writes it.
 * {@link #trace()} starts a builder from it for one-field variants:
 * {@code trace().arch("aarch64").lostEvents(3).build()}.
 */
public final class TraceFixtures {

    /** The JSON text of {@link #aTrace()}. */
    public static final String A_TRACE_JSON = """
            {
              "apiVersion" : "capgate.io/v1",
              "service" : "fastapi-demo",
              "arch" : "x86_64",
              "python" : "3.11.2",
              "executable" : "/usr/bin/python3.11",
              "appRoot" : "/srv/app",
              "command" : [ "/usr/bin/python3.11", "-m", "uvicorn", "app.main:app" ],
              "startedAt" : "2025-01-15T10:00:00Z",
              "durationMillis" : 60000,
              "lostEvents" : 0,
              "modules" : {
                "<interpreter>" : {
                  "syscalls" : {
                    "close" : 120,
                    "mmap" : 50,
                    "newfstatat" : 200,
                    "openat" : 120,
                    "read" : 300
                  },
                  "exec" : { },
                  "sampleStack" : [ ]
                },
                "app.main" : {
                  "syscalls" : {
                    "getrandom" : 1,
                    "openat" : 4,
                    "read" : 12
                  },
                  "exec" : {
                    "/usr/bin/git" : 1
                  },
                  "sampleStack" : [ "/srv/app/app/main.py:version:12", "/srv/app/app/main.py:<module>:30" ]
                },
                "uvicorn" : {
                  "syscalls" : {
                    "accept4" : 5,
                    "bind" : 1,
                    "listen" : 1,
                    "recvfrom" : 20,
                    "sendto" : 20,
                    "socket" : 1
                  },
                  "exec" : { },
                  "sampleStack" : [ "/usr/lib/python3/dist-packages/uvicorn/server.py:startup:160" ]
                }
              }
            }
            """;

    private TraceFixtures() {
    }

    /** The example trace; see the class comment. */
    public static Trace aTrace() {
        return trace().build();
    }

    /** {@link #aTrace()} with {@code module}'s observations set to {@code module}, added or replaced. */
    public static Trace aTraceWith(String name, TraceModule module) {
        return trace().module(name, module).build();
    }

    /** A builder holding the values of {@link #aTrace()}. */
    public static TraceBuilder trace() {
        return new TraceBuilder()
                .module("<interpreter>", module().syscall("openat", 120).syscall("read", 300)
                        .syscall("newfstatat", 200).syscall("mmap", 50).syscall("close", 120))
                .module("app.main", module().syscall("openat", 4).syscall("read", 12).syscall("getrandom", 1)
                        .exec("/usr/bin/git", 1)
                        .sampleStack("/srv/app/app/main.py:version:12", "/srv/app/app/main.py:<module>:30"))
                .module("uvicorn", module().syscall("socket", 1).syscall("bind", 1).syscall("listen", 1)
                        .syscall("accept4", 5).syscall("recvfrom", 20).syscall("sendto", 20)
                        .sampleStack("/usr/lib/python3/dist-packages/uvicorn/server.py:startup:160"));
    }

    /** An empty module builder. */
    public static ModuleBuilder module() {
        return new ModuleBuilder();
    }

    /** Builds a {@link Trace}; starts with the values of {@link #aTrace()} when obtained from {@link #trace()}. */
    public static final class TraceBuilder {
        private String apiVersion = Trace.API_VERSION;
        private String service = "fastapi-demo";
        private String arch = "x86_64";
        private String python = "3.11.2";
        private String executable = "/usr/bin/python3.11";
        private String appRoot = "/srv/app";
        private List<String> command = List.of("/usr/bin/python3.11", "-m", "uvicorn", "app.main:app");
        private String startedAt = "2025-01-15T10:00:00Z";
        private long durationMillis = 60_000;
        private long lostEvents;
        private final SortedMap<String, TraceModule> modules = new TreeMap<>();

        private TraceBuilder() {
        }

        public TraceBuilder apiVersion(String value) { apiVersion = value; return this; }
        public TraceBuilder service(String value) { service = value; return this; }
        public TraceBuilder arch(String value) { arch = value; return this; }
        public TraceBuilder python(String value) { python = value; return this; }
        public TraceBuilder executable(String value) { executable = value; return this; }
        public TraceBuilder appRoot(String value) { appRoot = value; return this; }
        public TraceBuilder command(String... value) { command = List.of(value); return this; }
        public TraceBuilder startedAt(String value) { startedAt = value; return this; }
        public TraceBuilder durationMillis(long value) { durationMillis = value; return this; }
        public TraceBuilder lostEvents(long value) { lostEvents = value; return this; }

        /** Adds or replaces a module. */
        public TraceBuilder module(String name, TraceModule module) {
            modules.put(name, module);
            return this;
        }

        /** Adds or replaces a module with what {@code module} builds. */
        public TraceBuilder module(String name, ModuleBuilder module) {
            return module(name, module.build());
        }

        /** Removes a module. */
        public TraceBuilder withoutModule(String name) {
            modules.remove(name);
            return this;
        }

        /** Removes every module. */
        public TraceBuilder noModules() {
            modules.clear();
            return this;
        }

        public Trace build() {
            return new Trace(apiVersion, service, arch, python, executable, appRoot, command, startedAt,
                    durationMillis, lostEvents, modules);
        }
    }

    /** Builds a {@link TraceModule}. */
    public static final class ModuleBuilder {
        private final SortedMap<String, Long> syscalls = new TreeMap<>();
        private final SortedMap<String, Long> exec = new TreeMap<>();
        private final List<String> sampleStack = new ArrayList<>();

        private ModuleBuilder() {
        }

        /** Sets the count of a syscall (full name, e.g. {@code openat:write}). */
        public ModuleBuilder syscall(String name, long count) { syscalls.put(name, count); return this; }

        /** Adds syscalls seen once each. */
        public ModuleBuilder syscalls(String... names) {
            for (String name : names) {
                syscalls.put(name, 1L);
            }
            return this;
        }

        /** Sets the count of executions of a program. */
        public ModuleBuilder exec(String path, long count) { exec.put(path, count); return this; }

        /** Sets the sample stack, innermost frame first. */
        public ModuleBuilder sampleStack(String... frames) {
            sampleStack.clear();
            sampleStack.addAll(List.of(frames));
            return this;
        }

        public TraceModule build() {
            return new TraceModule(syscalls, exec, sampleStack);
        }
    }
}
