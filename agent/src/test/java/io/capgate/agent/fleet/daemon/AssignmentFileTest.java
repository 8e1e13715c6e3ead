package io.capgate.agent.fleet.daemon;

import static io.capgate.agent.fleet.daemon.DaemonFixtures.FASTAPI;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.assignments;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.newSigningKeys;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.ServiceMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persisted assignments round-trip byte for byte, and anything else is refused with a reason. */
class AssignmentFileTest {

    @TempDir
    Path tmp;

    private AssignmentFile file;
    private final Assignments saved = assignments(7, signed(newSigningKeys(), FASTAPI, ServiceMode.KILL, "v1"),
            DaemonFixtures.observedOnly("svc-new"));

    @BeforeEach
    void setUp() throws Exception {
        file = new AssignmentFile(StateDirectory.open(tmp.resolve("state"),
                (Integer) Files.getAttribute(tmp, "unix:uid"), n -> { }));
    }

    @Test
    void noFileIsNothingPersisted() throws Exception {
        assertThat(file.load()).isEmpty();
    }

    @Test
    void whatWasSavedLoadsAgainWithoutItsRequestId() throws Exception {
        file.save(saved);

        assertThat(file.load()).hasValueSatisfying(a -> {
            assertThat(a.revision()).isEqualTo(7);
            assertThat(a.services()).isEqualTo(saved.services());
        });
    }

    @Test
    void aChangedByteIsRefusedNamingTheServicesTheFileStillShows() throws Exception {
        file.save(saved);
        Path path = Path.of(file.location());
        byte[] original = Files.readAllBytes(path);
        byte[] inManifest = original.clone();
        inManifest[original.length / 2] ^= 0x01;
        Files.write(path, inManifest);

        assertThatThrownBy(file::load).isInstanceOfSatisfying(AssignmentFileException.class, e -> {
            assertThat(e.getMessage()).contains(file.location()).contains("changed outside the agent");
            assertThat(e.serviceIds()).containsExactly(FASTAPI, "svc-new");
        });

        byte[] inStructure = original.clone();
        inStructure[original.length - 1] ^= 0x01; // the last service's "no manifest" flag: no longer decodes
        Files.write(path, inStructure);
        assertThatThrownBy(file::load).isInstanceOfSatisfying(AssignmentFileException.class, e -> {
            assertThat(e.getMessage()).contains("changed outside the agent");
            assertThat(e.serviceIds()).isEmpty();
        });
    }

    @Test
    void aTruncatedOrForeignFileIsRefused() throws Exception {
        file.save(saved);
        Path path = Path.of(file.location());
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, 20));
        assertThatThrownBy(file::load).isInstanceOf(AssignmentFileException.class)
                .hasMessageContaining("not an assignments file");

        Files.writeString(path, "services: []\n");
        assertThatThrownBy(file::load).isInstanceOf(AssignmentFileException.class)
                .hasMessageContaining("not an assignments file");
    }
}
