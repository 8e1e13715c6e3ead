package io.capgate.model.protocol;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wire ids are a contract with every deployed agent and portal. This golden list fails on any renumbering,
 * rename or removal; a new type is added here on purpose, with an id in its feature's range.
 */
class MessageTypeTest {

    private static final Map<Integer, String> GOLDEN = Map.ofEntries(
            entry(0x0101, "HELLO"),
            entry(0x0102, "HELLO_ACK"),
            entry(0x0103, "HEARTBEAT"),
            entry(0x0104, "CLOSE_NOTICE"),
            entry(0x0201, "ENROLL_REQUEST"),
            entry(0x0202, "ENROLL_ACCEPTED"),
            entry(0x0301, "ASSIGNMENTS"),
            entry(0x0302, "ASSIGNMENT_STATUS"),
            entry(0x0401, "OBSERVATION_BATCH"),
            entry(0x0402, "VIOLATION"),
            entry(0x0403, "DROP_REPORT"),
            entry(0x0404, "ACK"),
            entry(0x7F01, "ERROR"));

    @Test
    void idsMatchTheGoldenList() {
        assertThat(Arrays.stream(MessageType.values()).collect(Collectors.toMap(MessageType::id, Enum::name)))
                .isEqualTo(GOLDEN);
    }

    @Test
    void onlyTheTypesExchangedBeforeNegotiationAndErrorAreStableAcrossVersions() {
        assertThat(Arrays.stream(MessageType.values()).filter(MessageType::stableAcrossVersions)).containsExactly(
                MessageType.HELLO, MessageType.HELLO_ACK, MessageType.ENROLL_REQUEST, MessageType.ENROLL_ACCEPTED,
                MessageType.ERROR);
    }

    @Test
    void idsAreUnique() {
        assertThat(Arrays.stream(MessageType.values()).map(MessageType::id)).doesNotHaveDuplicates();
    }

    @Test
    void byIdFindsEveryTypeAndNothingElse() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.byId(type.id())).contains(type);
        }
        assertThat(MessageType.byId(0)).isEmpty();
        assertThat(MessageType.byId(0x0999)).isEmpty();
        assertThat(MessageType.byId(0xFFFF)).isEmpty();
    }

    @Test
    void idsSitInTheirFeatureRange() {
        Map<MessageType, Integer> feature = Arrays.stream(MessageType.values())
                .collect(Collectors.toMap(Function.identity(), type -> type.id() >> 8));
        assertThat(feature).containsEntry(MessageType.HELLO, 0x01).containsEntry(MessageType.ENROLL_REQUEST, 0x02)
                .containsEntry(MessageType.ASSIGNMENTS, 0x03).containsEntry(MessageType.VIOLATION, 0x04)
                .containsEntry(MessageType.ERROR, 0x7F);
        assertThat(feature.values()).allSatisfy(group -> assertThat(group).isIn(0x01, 0x02, 0x03, 0x04, 0x7F));
    }

    @Test
    void hexIdIsWrittenAsInTheSpec() {
        assertThat(MessageType.OBSERVATION_BATCH.hexId()).isEqualTo("0x0401");
    }

    @Test
    void aDuplicateIdFailsWhenTheTableIsBuilt() {
        assertThatThrownBy(() -> WireIds.index(Clash.values(), Clash::id, 0xFF))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Clash.SECOND reuses wire id 0x7 of FIRST");
        assertThatThrownBy(() -> WireIds.index(Clash.values(), clash -> 0x100, 0xFF))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside 0..255");
    }

    private enum Clash {
        FIRST, SECOND;

        int id() {
            return 7;
        }
    }
}
