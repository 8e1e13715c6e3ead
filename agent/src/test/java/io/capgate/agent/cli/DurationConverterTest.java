package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsMillisecondsSecondsMinutesAndHours() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse(" 90s ")).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "1.5s", "-1s", "30 s", "30sec", "2M", "1d", "PT30S", "1m30s",
        "9999999999s"})
    void rejectsAnythingElseClearly(String value) {
        assertThatThrownBy(() -> DurationConverter.parse(value)).isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + value + "' is not a duration; use a whole number and a unit: 500ms, 30s, 2m or 1h");
    }

    @Test
    void rejectsZero() {
        assertThatThrownBy(() -> DurationConverter.parse("0s")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'0s' is not a positive duration");
    }

    @Test
    void formatsInTheLargestWholeUnit() {
        assertThat(DurationConverter.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationConverter.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(DurationConverter.format(Duration.ofMinutes(60))).isEqualTo("1h");
    }

    @Test
    void aBadDurationOnTheCommandLineIsAUsageError() {
        CliRun cli = new CliRun();
        assertThat(cli.execute("trace", "--pid", "42", "--duration", "30x")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: Invalid value for option '--duration': '30x' is not a duration;");
        assertThat(cli.supervisor.traces).isEmpty();
    }
}
