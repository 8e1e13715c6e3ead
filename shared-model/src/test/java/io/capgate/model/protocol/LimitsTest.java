package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

class LimitsTest {

    @Test
    void clipKeepsShortValues() {
        assertThat(Limits.clip("handler", 255)).isEqualTo("handler");
        assertThat(Limits.clip("", 0)).isEmpty();
    }

    @Test
    void clipCutsAtACodePointBoundary() {
        assertThat(Limits.clip("abcdef", 3)).isEqualTo("abc");
        assertThat(Limits.clip("aéb", 2)).isEqualTo("a");
        assertThat(Limits.clip("a\uD83D\uDE00b", 4)).isEqualTo("a");
        assertThat(Limits.clip("a\uD83D\uDE00b", 5)).isEqualTo("a\uD83D\uDE00");
    }

    @Test
    void clipReplacesUnpairedSurrogates() {
        assertThat(Limits.clip("x\uDC00y\uD800", 100)).isEqualTo("x\uFFFDy\uFFFD");
    }

    @Test
    void whatClipReturnsEveryConstructorAccepts() {
        String hostile = "\uD800" + "函数".repeat(500) + "\uDFFF";
        String clipped = Limits.clip(hostile, Limits.MAX_NAME_BYTES);

        assertThat(clipped.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Limits.MAX_NAME_BYTES);
        assertThat(new StackFrame("/a.py", clipped, 1).function()).isEqualTo(clipped);
    }

    @Test
    void clipRejectsANegativeLimit() {
        assertThatThrownBy(() -> Limits.clip("x", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
