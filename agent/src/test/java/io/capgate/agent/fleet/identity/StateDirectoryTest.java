package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @TempDir
    Path tmp;
    private int me;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void whoAmI() throws Exception {
        me = (Integer) Files.getAttribute(tmp, "unix:uid");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNewDirectoryAndItsFilesAreForTheAgentOnly() throws Exception {
        StateDirectory dir = StateDirectory.open(tmp.resolve("var/lib/capgate"), me, notices::add);

        dir.write("agent-key.pem", "secret".getBytes(StandardCharsets.UTF_8));

        assertThat(mode(dir.path())).isEqualTo("rwx------");
        assertThat(mode(dir.path().resolve("agent-key.pem"))).isEqualTo("rw-------");
        assertThat(dir.read("agent-key.pem")).hasValueSatisfying(b -> assertThat(b).asString().isEqualTo("secret"));
        assertThat(dir.read("missing")).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    void writesReplaceFilesWithoutLeavingTemporaries() throws Exception {
        StateDirectory dir = StateDirectory.open(tmp.resolve("state"), me, notices::add);

        dir.write("enrollment.properties", new byte[] {1});
        dir.write("enrollment.properties", new byte[] {2, 3});

        assertThat(dir.read("enrollment.properties")).hasValueSatisfying(b -> assertThat(b).containsExactly(2, 3));
        try (var files = Files.list(dir.path())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("enrollment.properties");
        }
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwx---"));

        assertThatThrownBy(() -> StateDirectory.open(state, me, notices::add)).isInstanceOf(IdentityException.class)
                .hasMessageContaining("is writable by group or others (mode rwxrwx---)")
                .hasMessageContaining("chmod go-w");

        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx---rwx"));
        assertThatThrownBy(() -> StateDirectory.open(state, me, notices::add))
                .hasMessageContaining("writable by group or others");
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));

        assertThatThrownBy(() -> StateDirectory.open(state, me + 1, notices::add))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("is owned by uid " + me + ", not by the agent's user (uid " + (me + 1) + ")");
    }

    @Test
    void aReadableDirectoryIsTightened() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

        StateDirectory.open(state, me, notices::add);

        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(notices).singleElement().asString().contains("had mode rwxr-xr-x; tightened");
    }

    @Test
    void symlinksAreRefusedForTheDirectoryAndItsFiles() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> StateDirectory.open(link, me, notices::add)).hasMessageContaining("not a directory");

        StateDirectory dir = StateDirectory.open(real, me, notices::add);
        Path elsewhere = Files.writeString(tmp.resolve("planted"), "x");
        Files.createSymbolicLink(real.resolve("portal-ca.pem"), elsewhere);
        assertThatThrownBy(() -> dir.read("portal-ca.pem")).hasMessageContaining("not a regular file");
    }

    @Test
    void aFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        StateDirectory dir = StateDirectory.open(tmp.resolve("state"), me, notices::add);
        dir.write("agent-key.pem", new byte[] {1});
        Files.setPosixFilePermissions(dir.path().resolve("agent-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> dir.read("agent-key.pem")).isInstanceOf(IdentityException.class)
                .hasMessageContaining("has mode rw-r--r--").hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(dir.path().resolve("agent-key.pem"), PosixFilePermissions.fromString("r--------"));
        assertThat(dir.read("agent-key.pem")).isPresent();
    }
}
