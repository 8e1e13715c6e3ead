package io.capgate.model.trace;

import static io.capgate.model.trace.TraceFixtures.A_TRACE_JSON;
import static io.capgate.model.trace.TraceFixtures.aTrace;
import static io.capgate.model.trace.TraceFixtures.module;
import static io.capgate.model.trace.TraceFixtures.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceJsonTest {

    @Test
    void writesStablePrettyJson() {
        assertThat(TraceJson.write(aTrace())).isEqualTo(A_TRACE_JSON);
    }

    @Test
    void roundTrips() {
        assertThat(TraceJson.read(A_TRACE_JSON, "a.json")).isEqualTo(aTrace());
        Trace odd = trace().arch("aarch64").command().lostEvents(7).service("")
                .module("<exec>", module().syscall("openat:write", 2).syscall("clone3:thread", 1)
                        .syscall("syscall_999", 4).exec("/bin/sh", 2))
                .module("m", module())
                .build();
        assertThat(TraceJson.read(TraceJson.write(odd), "b.json")).isEqualTo(odd);
        Trace empty = trace().noModules().build();
        assertThat(TraceJson.read(TraceJson.write(empty), "c.json")).isEqualTo(empty);
    }

    @Test
    void optionalFieldsDefault() {
        Trace t = TraceJson.read("""
                {"apiVersion": "capgate.io/v1", "arch": "aarch64", "modules": {"m": {}}}""", "min.json");
        assertThat(t.service()).isEmpty();
        assertThat(t.command()).isEmpty();
        assertThat(t.durationMillis()).isZero();
        assertThat(t.lostEvents()).isZero();
        assertThat(t.modules().get("m").syscalls()).isEmpty();
        assertThat(t.modules().get("m").sampleStack()).isEmpty();
    }

    @Test
    void malformedJsonNamesSourceLineAndColumn() {
        TraceFormatException e = read("{\n  \"apiVersion\": \"capgate.io/v1\",\n  }");
        assertThat(e.sourceName()).isEqualTo("t.json");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.detail()).startsWith("malformed JSON: ");
        assertThat(e).hasMessageStartingWith("t.json:3:3: malformed JSON: ").hasCauseInstanceOf(RuntimeException.class);
        assertThat(read("{\"apiVersion\": \"capgate.io/v1\"")).hasMessageStartingWith("t.json:1:")
                .hasMessageContaining("malformed JSON");
        assertThat(read("{\"command\": [\"a\" \"b\"]}")).hasMessageStartingWith("t.json:1:18: malformed JSON: ");
    }

    @Test
    void documentLevelErrors() {
        assertThat(read("")).hasMessage("t.json:1:1: the document is empty; expected a trace object");
        assertThat(read("   \n")).hasMessageContaining("the document is empty");
        assertThat(read("[]")).hasMessage("t.json:1:1: the trace must be an object, found an array");
        assertThat(read("{\"apiVersion\": \"capgate.io/v1\", \"arch\": \"x86_64\", \"modules\": {}} {}"))
                .hasMessage("t.json:1:66: found an object after the trace object; expected the end of the document");
    }

    @Test
    void missingRequiredFields() {
        assertThat(read("{\"arch\": \"x86_64\", \"modules\": {}}"))
                .hasMessage("t.json:1:1: missing field 'apiVersion' in the trace");
        assertThat(read("\n  {\"apiVersion\": \"capgate.io/v1\", \"modules\": {}}"))
                .hasMessage("t.json:2:3: missing field 'arch' in the trace");
        assertThat(read("{\"apiVersion\": \"capgate.io/v1\", \"arch\": \"x86_64\"}"))
                .hasMessage("t.json:1:1: missing field 'modules' in the trace");
    }

    @Test
    void wrongTypes() {
        assertThat(read(replace("\"durationMillis\" : 60000", "\"durationMillis\" : \"1m\"")))
                .hasMessage("t.json:10:22: durationMillis must be a whole number, found the string \"1m\"");
        assertThat(read(replace("\"lostEvents\" : 0", "\"lostEvents\" : 1.5")))
                .hasMessage("t.json:11:18: lostEvents must be a whole number, found the number 1.5");
        assertThat(read(replace("\"python\" : \"3.11.2\"", "\"python\" : 3.11")))
                .hasMessage("t.json:5:14: python must be a string, found the number 3.11");
        assertThat(read(replace("\"service\" : \"fastapi-demo\"", "\"service\" : null")))
                .hasMessage("t.json:3:15: service must be a string, found null");
        assertThat(read(replace("\"app.main:app\" ]", "true ]")))
                .hasMessage("t.json:8:57: each entry of command must be a string, found the boolean true");
        assertThat(read(replace("\"command\" : [", "\"command\" : {\"a\": 1}, \"x\": [")))
                .hasMessage("t.json:8:15: command must be an array of strings, found an object");
        assertThat(read(replace("\"modules\" : {", "\"modules\" : [ ], \"y\": {")))
                .hasMessage("t.json:12:15: modules must be an object, found an array");
        assertThat(read(replace("\"getrandom\" : 1", "\"getrandom\" : [ 1 ]")))
                .hasMessageStartingWith("t.json:26:")
                .hasMessageEndingWith("count of getrandom must be a whole number, found an array");
        assertThat(read(replace("\"sampleStack\" : [ ]", "\"sampleStack\" : 3")).detail())
                .isEqualTo("sampleStack must be an array of strings, found the number 3");
        assertThat(read(replace("\"uvicorn\" : {", "\"uvicorn\" : 1, \"z\" : {")).detail())
                .isEqualTo("module 'uvicorn' must be an object, found the number 1");
    }

    @Test
    void invalidValues() {
        assertThat(read(replace("\"capgate.io/v1\"", "\"capgate.io/v2\"")))
                .hasMessage("t.json:2:18: unsupported apiVersion 'capgate.io/v2'; this Capgate reads capgate.io/v1");
        assertThat(read(replace("\"x86_64\"", "\"amd64\"")))
                .hasMessage("t.json:4:12: unknown architecture 'amd64'; valid: x86_64, aarch64");
        assertThat(read(replace("\"lostEvents\" : 0", "\"lostEvents\" : -1")).detail())
                .isEqualTo("lostEvents must not be negative, found -1");
        assertThat(read(replace("\"lostEvents\" : 0", "\"lostEvents\" : 99999999999999999999")).detail())
                .isEqualTo("lostEvents is too large");
        assertThat(read(replace("\"getrandom\" : 1", "\"read:write\" : 1")))
                .hasMessage("t.json:26:9: variant 'write' does not apply to 'read'; it applies only to open, openat,"
                        + " openat2");
        assertThat(read(replace("\"getrandom\" : 1", "\"Get Random\" : 1")).detail())
                .startsWith("invalid syscall name 'Get Random'");
        assertThat(read(replace("\"/usr/bin/git\" : 1", "\"git\" : 1")).detail())
                .isEqualTo("exec path 'git' must be absolute");
        assertThat(read(replace("\"uvicorn\" : {", "\"\" : {")).detail()).isEqualTo("module names must not be empty");
    }

    @Test
    void unknownAndDuplicateFields() {
        assertThat(read(replace("\"lostEvents\" : 0", "\"lostEvent\" : 0")))
                .hasMessage("t.json:11:3: unknown field 'lostEvent' in the trace; expected one of apiVersion, service,"
                        + " arch, python, executable, appRoot, command, startedAt, durationMillis, lostEvents, modules");
        assertThat(read(replace("\"lostEvents\" : 0", "\"lostEvents\" : 0, \"lostEvents\" : 1")).detail())
                .isEqualTo("duplicate field 'lostEvents' in the trace");
        assertThat(read(replace("\"exec\" : {\n", "\"execs\" : {\n")).detail())
                .isEqualTo("unknown field 'execs' in module 'app.main'; expected one of syscalls, exec, sampleStack");
        assertThat(read(replace("\"getrandom\" : 1", "\"read\" : 1")).detail())
                .isEqualTo("duplicate key 'read' in module 'app.main' syscalls");
    }

    @Test
    void writeRefusesWhatReadWouldReject() {
        assertThatThrownBy(() -> TraceJson.write(trace().arch("amd64").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown architecture 'amd64'");
        assertThatThrownBy(() -> TraceJson.write(trace().apiVersion("v0").build()))
                .hasMessageContaining("unsupported apiVersion 'v0'");
        assertThatThrownBy(() -> TraceJson.write(trace().lostEvents(-1).build()))
                .hasMessage("lostEvents must not be negative, found -1");
        assertThatThrownBy(() -> TraceJson.write(TraceFixtures.aTraceWith("m", module().syscalls("Read").build())))
                .hasMessageContaining("invalid syscall name 'Read'");
        assertThatThrownBy(() -> TraceJson.write(TraceFixtures.aTraceWith("m", module().exec("git", 1).build())))
                .hasMessage("module 'm' exec path 'git' must be absolute");
        assertThatThrownBy(() -> TraceJson.write(TraceFixtures.aTraceWith("m", module().syscall("read", -2).build())))
                .hasMessage("module 'm' count of read must not be negative, found -2");
        assertThatThrownBy(() -> TraceJson.write(TraceFixtures.aTraceWith(" ", module().build())))
                .hasMessage("module names must not be empty");
    }

    private static String replace(String from, String to) {
        assertThat(A_TRACE_JSON).contains(from);
        return A_TRACE_JSON.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to));
    }

    private static TraceFormatException read(String json) {
        try {
            TraceJson.read(json, "t.json");
        } catch (TraceFormatException e) {
            return e;
        }
        throw new AssertionError("expected a TraceFormatException for:\n" + json);
    }
}
