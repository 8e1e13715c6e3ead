package io.capgate.agent.supervise;

import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** Hands each violation to the caller and appends it as one JSON line to the violations file. */
final class ViolationSink implements Consumer<Violation>, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final BufferedWriter file;
    private final Consumer<Violation> caller;

    private ViolationSink(BufferedWriter file, Consumer<Violation> caller) {
        this.file = file;
        this.caller = caller;
    }

    static ViolationSink open(Path path, Consumer<Violation> caller) throws PreflightException {
        try {
            BufferedWriter w = path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ViolationSink(w, caller);
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_DATAERR, "cannot open " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void accept(Violation v) {
        caller.accept(v);
        if (file != null) {
            try {
                file.write(JSON.writeValueAsString(v));
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
