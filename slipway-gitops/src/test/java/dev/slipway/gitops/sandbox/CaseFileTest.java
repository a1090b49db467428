package dev.slipway.gitops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CaseFile}. */
class CaseFileTest {

    @TempDir
    Path dir;

    @Test
    void read_validList_readsEveryField() throws Exception {
        final Path f = dir.resolve("cases.yaml");
        Files.writeString(f, """
        - name: setosa
          deployment: iris
          namespace: seldon
          request: {data: {ndarray: [[5.1, 3.5, 1.4, 0.2]]}}
          expect: {data: {ndarray: [0]}}
          tolerance: 0.001
        - deployment: iris
          request: {data: {ndarray: [[1, 2, 3, 4]]}}
          status: 200
        """);
        final List<TestCase> cases = CaseFile.read(f);
        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).namespace()).isEqualTo("seldon");
        assertThat(cases.get(0).tolerance()).isEqualTo(0.001);
        assertThat(cases.get(1).name()).isEqualTo("case 2");
        assertThat(cases.get(1).namespace()).isNull();
    }

    @Test
    void read_brokenEntries_nameFileIndexAndField() throws Exception {
        final Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "- name: x\n  request: 3\n  tolerance: -1\n  expected: {}\n");
        assertThatThrownBy(() -> CaseFile.read(f))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(f + ": [0].deployment: is required")
                .hasMessageContaining("[0].request: is required")
                .hasMessageContaining("[0].tolerance: must be a number >= 0")
                .hasMessageContaining("[0].expected: unknown field");
    }
}
