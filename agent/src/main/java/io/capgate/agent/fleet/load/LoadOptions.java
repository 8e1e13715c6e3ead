package io.capgate.agent.fleet.load;

import java.nio.file.Path;

/** {@link FleetLoad}'s command line. */
record LoadOptions(Path stateDir, String serviceId, long observations, int violations, int batch, int window,
                   long spoolBytes, int timeoutSeconds, boolean stackEveryEntry, long warmupObservations,
                   int warmupViolations) {

    LoadOptions {
        if (stateDir == null || serviceId == null) {
            throw new IllegalArgumentException("--state-dir DIR and --service ID are required");
        }
        if (observations < 0 || violations < 0 || batch < 1 || batch > 4096 || window < 1 || warmupObservations < 0
                || warmupViolations < 0) {
            throw new IllegalArgumentException("counts must be >= 0, --batch 1..4096, --window >= 1");
        }
        if (warmupObservations % batch != 0) {
            throw new IllegalArgumentException("--warmup-observations must fill whole batches of " + batch);
        }
    }

    static LoadOptions parse(String[] args) {
        Path stateDir = null;
        String service = null;
        long observations = 1_000_000;
        int violations = 100_000;
        int batch = 1000;
        int window = 256;
        long spoolBytes = 2L << 30;
        int timeout = 600;
        boolean stackEveryEntry = false;
        long warmupObservations = 0;
        int warmupViolations = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--stack-every-entry")) {
                stackEveryEntry = true; // a flag: no value follows
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--state-dir" -> stateDir = Path.of(value);
                case "--service" -> service = value;
                case "--observations" -> observations = Long.parseLong(value);
                case "--violations" -> violations = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--window" -> window = Integer.parseInt(value);
                case "--spool-bytes" -> spoolBytes = Long.parseLong(value);
                case "--timeout" -> timeout = Integer.parseInt(value);
                case "--warmup-observations" -> warmupObservations = Long.parseLong(value);
                case "--warmup-violations" -> warmupViolations = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; see FleetLoad's Javadoc");
            }
            i++;
        }
        return new LoadOptions(stateDir, service, observations, violations, batch, window, spoolBytes, timeout,
                stackEveryEntry, warmupObservations, warmupViolations);
    }
}
