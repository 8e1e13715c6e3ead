package io.capgate.agent.engine;

import io.capgate.templates.MapEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixTableTest {

    private static final PythonPaths PATHS = new PythonPaths(List.of("/opt/py/lib/python3.11"),
            List.of("/opt/py/lib/python3.11/site-packages"), "/srv/app");

    @Test
    void registersRootsPseudoFilesAndEachManifestModule() {
        ModuleIds ids = ModuleIds.forModules(List.of("requests", "app.routes", "<interpreter>"));
        Map<Long, Long> table = PrefixTable.build(PATHS, ids).mapEntries().stream()
                .collect(Collectors.toMap(e -> e.keys()[0], MapEntry::value));

        assertThat(table).containsEntry(PathHash.prefixKey("/opt/py/lib/python3.11/"), (long) ModuleIds.STDLIB)
                .containsEntry(PathHash.prefixKey("<frozen "), (long) ModuleIds.STDLIB)
                .containsEntry(PathHash.prefixKey("/opt/py/lib/python3.11/site-packages/"), (long) ModuleIds.UNLISTED)
                .containsEntry(PathHash.prefixKey("/srv/app/"), (long) ModuleIds.UNLISTED)
                .containsEntry(PathHash.exactKey("<stdin>"), (long) ModuleIds.STDIN)
                .containsEntry(PathHash.exactKey("<string>"), (long) ModuleIds.STRING);
        long requests = ids.id("requests").orElseThrow();
        long routes = ids.id("app.routes").orElseThrow();
        assertThat(table).containsEntry(PathHash.prefixKey("/opt/py/lib/python3.11/site-packages/requests/"), requests)
                .containsEntry(PathHash.exactKey("/opt/py/lib/python3.11/site-packages/requests.py"), requests)
                .containsEntry(PathHash.exactKey("/srv/app/requests.py"), requests)
                .containsEntry(PathHash.exactKey("/srv/app/app/routes.py"), routes)
                .containsEntry(PathHash.exactKey("/srv/app/app/routes/__init__.py"), routes);
        // A dotted module is application code only, never looked for in site dirs.
        assertThat(table).doesNotContainKey(PathHash.prefixKey("/opt/py/lib/python3.11/site-packages/app/routes/"));
    }

    @Test
    void moduleIdsAreStableAndPseudoModulesKeepTheirFixedIds() {
        ModuleIds ids = ModuleIds.forModules(List.of("b", "a", "<exec>"));
        assertThat(ids.id("a")).contains(16);
        assertThat(ids.id("b")).contains(17);
        assertThat(ids.id("<exec>")).contains(ModuleIds.EXEC);
        assertThat(ids.name(17)).contains("b");
    }
}
