package dev.slipway.cli.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ModelCases}. */
class ModelCasesTest {

    @TempDir
    Path dir;

    @Test
    void read_inlineAndFileRequests_withTolerance() throws Exception {
        Files.writeString(dir.resolve("req.json"), "{\"data\": {\"ndarray\": [[1, 2]]}}");
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, """
        cases:
        - name: a
          request: {data: {ndarray: [[1, 2]]}}
          expect: {data: {ndarray: [[3]]}}
          tolerance: {abs: 0.1}
        - requestFile: req.json
          expect: {contains: 3}
        """);
        var cases = ModelCases.read(f);
        assertThat(cases).extracting(ModelCase::name).containsExactly("a", "case-2");
        assertThat(cases.get(0).tolerance()).isEqualTo(new ModelCase.Tolerance(0.1, 0));
        assertThat(cases.get(1)
                        .request()
                        .path("data")
                        .path("ndarray")
                        .get(0)
                        .get(1)
                        .asInt())
                .isEqualTo(2);
        assertThat(cases.get(1).tolerance()).isEqualTo(ModelCase.Tolerance.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      no cases        | 'other: 1'                                                                | cases: missing or empty
      no expect       | 'cases:\\n- {name: a, request: {data: {}}}'                                | cases[0].expect: missing
      no request      | 'cases:\\n- {name: a, expect: {contains: 1}}'                              | cases[0].request: give exactly one of request or requestFile
      unknown field   | 'cases:\\n- {name: a, request: {}, expect: {contains: 1}, expected: 1}'    | cases[0].expected: unknown field
      duplicate name  | 'cases:\\n- {name: a, request: {}, expect: {contains: 1}}\\n- {name: a, request: {}, expect: {contains: 1}}' | cases[1].name: duplicate case name 'a'
      mixed expect    | 'cases:\\n- {name: a, request: {}, expect: {contains: 1, data: {}}}'       | cases[0].expect: give one of equals, contains, error
      bad tolerance   | 'cases:\\n- {name: a, request: {}, expect: {contains: 1}, tolerance: {abs: x}}' | cases[0].tolerance.abs: expected a number >= 0
      """)
    void read_badFile_namesTheField(String what, String yaml, String message) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ModelCases.read(f))
                .as(what)
                .hasMessageContaining(f.toString())
                .hasMessageContaining(message);
    }
}
