package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

class ProtocolVersionTest {

    @Test
    void thisCodeSpeaksVersionOne() {
        assertThat(ProtocolVersion.CURRENT).isEqualTo(1);
        assertThat(ProtocolVersion.isSupported(1)).isTrue();
        assertThat(ProtocolVersion.isSupported(0)).isFalse();
        assertThat(ProtocolVersion.isSupported(2)).isFalse();
    }

    @Test
    void negotiatesTheHighestCommonVersion() {
        assertThat(ProtocolVersion.negotiate(1, 1)).isEqualTo(OptionalInt.of(1));
        assertThat(ProtocolVersion.negotiate(1, 7)).isEqualTo(OptionalInt.of(1));
        assertThat(ProtocolVersion.negotiate(1, 3, 2, 5)).isEqualTo(OptionalInt.of(3));
        assertThat(ProtocolVersion.negotiate(2, 5, 1, 3)).isEqualTo(OptionalInt.of(3));
        assertThat(ProtocolVersion.negotiate(2, 2, 1, 9)).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void disjointRangesHaveNoVersion() {
        assertThat(ProtocolVersion.negotiate(2, 4)).isEmpty();
        assertThat(ProtocolVersion.negotiate(1, 1, 2, 3)).isEmpty();
    }

    @Test
    void rejectsImpossibleRanges() {
        assertThatThrownBy(() -> ProtocolVersion.negotiate(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("peer version range [3, 2] must satisfy 1 <= min <= max <= 255");
        assertThatThrownBy(() -> ProtocolVersion.negotiate(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolVersion.negotiate(1, 256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEncoderOnlyWritesSupportedVersions() {
        assertThatThrownBy(() -> new MessageEncoder(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot encode protocol version 2");
    }
}
