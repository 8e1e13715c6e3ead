package io.capgate.agent.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleNamerTest {

    private final PythonPaths debian = new PythonPaths(List.of("/usr/lib/python3.11", "/usr/lib/python3.11/lib-dynload"),
            List.of("/usr/lib/python3/dist-packages", "/usr/local/lib/python3.11/dist-packages"), "/srv/app");
    private final PythonPaths pyenv = new PythonPaths(List.of("/opt/py/lib/python3.11"),
            List.of("/opt/py/lib/python3.11/site-packages"), "/srv/app");

    @Test
    void sitePackagesAreNamedByTheirTopLevelPackage() {
        ModuleNamer n = new ModuleNamer(debian);
        assertThat(n.moduleOf("/usr/lib/python3/dist-packages/requests/adapters.py")).contains("requests");
        assertThat(n.moduleOf("/usr/lib/python3/dist-packages/six.py")).contains("six");
        assertThat(n.moduleOf("/usr/local/lib/python3.11/dist-packages/_cffi_backend.cpython-311-x86_64-linux-gnu.so"))
                .contains("_cffi_backend");
    }

    @Test
    void applicationCodeIsDottedFromTheRoot() {
        ModuleNamer n = new ModuleNamer(debian);
        assertThat(n.moduleOf("/srv/app/app/routes/users.py")).contains("app.routes.users");
        assertThat(n.moduleOf("/srv/app/app/__init__.py")).contains("app");
        assertThat(n.moduleOf("/srv/app/my-script.py")).contains("my-script");
        assertThat(n.moduleOf("/srv/app/tests/test-api.py")).contains("tests.test-api");
        assertThat(n.moduleOf("/srv/app/1st.py")).contains("<unknown>");
    }

    @Test
    void theStandardLibraryHasNoModuleButSitePackagesInsideItDo() {
        assertThat(new ModuleNamer(debian).moduleOf("/usr/lib/python3.11/socket.py")).isEmpty();
        assertThat(new ModuleNamer(debian).moduleOf("<frozen importlib._bootstrap>")).isEmpty();
        ModuleNamer n = new ModuleNamer(pyenv);
        assertThat(n.moduleOf("/opt/py/lib/python3.11/json/decoder.py")).isEmpty();
        assertThat(n.moduleOf("/opt/py/lib/python3.11/site-packages/urllib3/poolmanager.py")).contains("urllib3");
    }

    @Test
    void pseudoModulesAndEverythingElse() {
        ModuleNamer n = new ModuleNamer(debian);
        assertThat(n.moduleOf("<stdin>")).contains("<stdin>");
        assertThat(n.moduleOf("<string>")).contains("<string>");
        assertThat(n.moduleOf("/home/user/elsewhere.py")).contains("<unknown>");
        assertThat(n.moduleOf("relative.py")).contains("<unknown>");
    }

    @Test
    void aVirtualenvInsideTheProjectIsASiteDir() {
        PythonPaths venv = new PythonPaths(List.of("/usr/lib/python3.11"),
                List.of("/srv/app/.venv/lib/python3.11/site-packages"), "/srv/app");
        assertThat(new ModuleNamer(venv).moduleOf("/srv/app/.venv/lib/python3.11/site-packages/flask/app.py"))
                .contains("flask");
    }
}
