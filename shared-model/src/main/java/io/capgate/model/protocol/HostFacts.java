package io.capgate.model.protocol;

import java.util.List;
import java.util.Optional;

/**
 * What an agent reports about its host in {@link EnrollRequest} and {@link Hello}.
 *
 * <p>Wire: {@code string hostname, string kernel, optional<string> bpftraceVersion, list<string> pythonVersions}.
 *
 * @param hostname        the host's name, non-blank
 * @param kernel          the kernel release ({@code uname -r}), non-blank
 * @param bpftraceVersion bpftrace's version, empty if bpftrace was not found
 * @param pythonVersions  the Python interpreters found ({@code "3.11.9"}), possibly none
 */
public record HostFacts(String hostname, String kernel, Optional<String> bpftraceVersion,
                        List<String> pythonVersions) {

    public HostFacts {
        Checks.nonBlank(hostname, "hostname", Limits.MAX_NAME_BYTES);
        Checks.nonBlank(kernel, "kernel", Limits.MAX_NAME_BYTES);
        Checks.optionalText(bpftraceVersion, "bpftraceVersion", Limits.MAX_NAME_BYTES);
        pythonVersions = Checks.list(pythonVersions, "pythonVersions", 0, Limits.MAX_PYTHON_VERSIONS);
        for (int i = 0; i < pythonVersions.size(); i++) {
            Checks.nonBlank(pythonVersions.get(i), "pythonVersions[" + i + "]", Limits.MAX_NAME_BYTES);
        }
    }
}
