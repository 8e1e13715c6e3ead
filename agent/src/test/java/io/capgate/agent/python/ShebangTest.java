package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShebangTest {

    @Test
    void takesThePathAndOneArgumentLikeLinux() {
        assertThat(Shebang.parse("#! /usr/bin/python3")).contains(new Shebang("/usr/bin/python3", List.of(), false));
        assertThat(Shebang.parse("#!/usr/bin/python3 -u -O"))
                .contains(new Shebang("/usr/bin/python3", List.of("-u -O"), false));
        assertThat(Shebang.parse("#!/usr/bin/python3\t-I  ")).contains(new Shebang("/usr/bin/python3", List.of("-I"), false));
    }

    @Test
    void unpacksEnvLines() {
        assertThat(Shebang.parse("#!/usr/bin/env python3")).contains(new Shebang("python3", List.of(), true));
        assertThat(Shebang.parse("#!/usr/bin/env -S python3 -u")).contains(new Shebang("python3", List.of("-u"), true));
        assertThat(Shebang.parse("#!/usr/bin/env -Spython3.11 -X dev"))
                .contains(new Shebang("python3.11", List.of("-X", "dev"), true));
        assertThat(Shebang.parse("#!/usr/bin/env -S -i PYTHONUTF8=1 -u HOME python3"))
                .contains(new Shebang("python3", List.of(), true));
    }

    @Test
    void ignoresWhatIsNotAShebang() {
        assertThat(Shebang.parse("# comment")).isEmpty();
        assertThat(Shebang.parse("#!")).isEqualTo(Optional.empty());
        assertThat(Shebang.parse("#!/usr/bin/env")).isEmpty();
    }
}
