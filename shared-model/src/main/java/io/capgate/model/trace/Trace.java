package io.capgate.model.trace;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a traced program did, per module: the input of {@code capgate build} and {@code capgate check}.
 *
 * @param apiVersion      {@link #API_VERSION}
 * @param service         service name when known, else the command's program name
 * @param arch            {@code x86_64} or {@code aarch64}
 * @param python          interpreter version, e.g. {@code 3.11.2}
 * @param executable      interpreter executable path
 * @param appRoot         the application root modules were named against
 * @param command         the traced command line, empty when attached by pid
 * @param startedAt       ISO-8601 instant
 * @param durationMillis  how long the trace ran
 * @param lostEvents      events the kernel buffer dropped (bpftrace's "Lost N events"); non-zero means incomplete
 * @param modules         per module observations, sorted by name
 */
public record Trace(String apiVersion, String service, String arch, String python, String executable,
                    String appRoot, List<String> command, String startedAt, long durationMillis, long lostEvents,
                    SortedMap<String, TraceModule> modules) {

    public static final String API_VERSION = "capgate.io/v1";

    public Trace {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(arch, "arch");
        service = service == null ? "" : service;
        python = python == null ? "" : python;
        executable = executable == null ? "" : executable;
        appRoot = appRoot == null ? "" : appRoot;
        command = List.copyOf(command == null ? List.of() : command);
        startedAt = startedAt == null ? "" : startedAt;
        modules = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(modules, "modules")));
    }
}
