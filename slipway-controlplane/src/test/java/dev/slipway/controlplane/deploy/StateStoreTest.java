package dev.slipway.controlplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link StateStore}. */
class StateStoreTest {

    @TempDir
    Path data;

    @Test
    void put_thenList_returnsWhatWasStoredAndLeavesNoTemporaryFile() throws Exception {
        final StateStore store = new StateStore(data);
        store.put(new StateStore.Entry("ns", "iris", "deploy/iris.yaml", "{\"kind\":\"SeldonDeployment\"}"));
        store.put(new StateStore.Entry("ns", "iris", "deploy/iris.yaml", "{\"kind\":\"SeldonDeployment\",\"v\":2}"));
        final List<String> problems = new ArrayList<>();
        assertThat(new StateStore(data).list(problems))
                .containsExactly(new StateStore.Entry(
                        "ns", "iris", "deploy/iris.yaml", "{\"kind\":\"SeldonDeployment\",\"v\":2}"));
        assertThat(problems).isEmpty();
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString()))
                    .containsExactly("iris.json");
        }
    }

    @Test
    void list_unreadableFile_isReportedAndTheOthersAreKept() throws Exception {
        final StateStore store = new StateStore(data);
        store.put(new StateStore.Entry("a", "good", "s", "{}"));
        Files.writeString(data.resolve("state/deployments/a/broken.json"), "{\"namespace\": ");
        final List<String> problems = new ArrayList<>();
        assertThat(store.list(problems)).extracting(StateStore.Entry::name).containsExactly("good");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("broken.json")
                .contains("unreadable stored deployment");
    }

    @Test
    void remove_deletesTheFile() {
        final StateStore store = new StateStore(data);
        store.put(new StateStore.Entry("a", "x", "s", "{}"));
        assertThat(store.remove("a", "x")).isTrue();
        assertThat(store.remove("a", "x")).isFalse();
        assertThat(store.list(new ArrayList<>())).isEmpty();
    }
}
