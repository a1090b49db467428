package dev.slipway.pipeline.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Step;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link PipelineYamlParser}. */
class PipelineYamlParserTest {

    private final PipelineYamlParser parser = new PipelineYamlParser();

    private static String reference() throws Exception {
        try (InputStream in = PipelineYamlParserTest.class.getResourceAsStream("/reference-jenkins-x.yml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void parse_referenceFile_readsBothPipelines() throws Exception {
        PipelineFile file = parser.parse("jenkins-x.yml", reference());

        assertThat(file.pipelines()).containsOnlyKeys(PipelineKind.release, PipelineKind.pullRequest);
        Pipeline release = file.pipeline(PipelineKind.release).orElseThrow();
        assertThat(release.agent().image()).isEqualTo("seldonio/core-builder:0.4");
        assertThat(release.stages()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("test-models");
            Step step = s.steps().get(0);
            assertThat(step.name()).isEqualTo("test-news-classifier");
            assertThat(step.argv()).containsExactly("make", "install_dev", "test");
            assertThat(step.dir()).isEqualTo("models/news_classifier");
            assertThat(step.usesShell()).isFalse();
        });
        assertThat(file.warnings())
                .containsExactly("agent image seldonio/core-builder:0.4 is ignored: steps run as local processes");
    }

    @Test
    void parse_everyField_readsEnvTimeoutsAndCredentials() {
        PipelineFile file = parser.parse("x.yml", """
        buildPack: none
        pipelineConfig:
          env:
          - name: GLOBAL
            value: g
          - name: OVERRIDDEN
            value: global
          pipelines:
            release:
              pipeline:
                credentials: [DOCKER_TOKEN]
                environment:
                - name: OVERRIDDEN
                  value: pipeline
                options:
                  timeout:
                    time: 15
                    unit: minutes
                stages:
                - name: build
                  env:
                    STAGE_VAR: s
                  options:
                    timeout: {time: 30, unit: seconds}
                  steps:
                  - command: echo hello && exit 0
                  - name: second
                    sh: ./run.sh
                    dir: /workspace/source
                    timeout: 90s
                    environment:
                    - name: N
                      value: 3
        """);
        Pipeline p = file.pipeline(PipelineKind.release).orElseThrow();
        assertThat(p.env()).isEqualTo(Map.of("GLOBAL", "g", "OVERRIDDEN", "pipeline"));
        assertThat(p.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.credentials()).containsExactly("DOCKER_TOKEN");
        assertThat(p.stages().get(0).env()).isEqualTo(Map.of("STAGE_VAR", "s"));
        assertThat(p.stages().get(0).timeout()).isEqualTo(Duration.ofSeconds(30));
        Step first = p.stages().get(0).steps().get(0);
        assertThat(first.name()).isEqualTo("step-1");
        assertThat(first.usesShell()).isTrue();
        assertThat(first.argv()).containsExactly("sh", "-c", "echo hello && exit 0");
        Step second = p.stages().get(0).steps().get(1);
        assertThat(second.dir()).isNull();
        assertThat(second.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(second.env()).isEqualTo(Map.of("N", "3"));
        assertThat(second.argv()).containsExactly("./run.sh");
        assertThat(file.pipeline(PipelineKind.pullRequest)).isEmpty();
    }

    private static final String HEAD = """
      pipelineConfig:
        pipelines:
          release:
            pipeline:
      """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      missing command             | stages: [{name: a, steps: [{name: ok, command: x}, {name: b}]}]                 | pipelineConfig.pipelines.release.pipeline.stages[0].steps[1].command: missing
      missing stages              | agent: {image: i}                                                              | pipelineConfig.pipelines.release.pipeline.stages: missing
      empty stages                | stages: []                                                                     | pipelineConfig.pipelines.release.pipeline.stages: empty
      missing stage name          | stages: [{steps: [{command: x}]}]                                              | pipelineConfig.pipelines.release.pipeline.stages[0].name: missing
      empty steps                 | stages: [{name: a, steps: []}]                                                 | pipelineConfig.pipelines.release.pipeline.stages[0].steps: empty
      steps not a list            | stages: [{name: a, steps: {command: x}}]                                       | pipelineConfig.pipelines.release.pipeline.stages[0].steps: expected a list, found a mapping
      unknown step field          | stages: [{name: a, steps: [{command: x, cmd: y}]}]                             | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].cmd: unknown field
      duplicate stage             | stages: [{name: a, steps: [{command: x}]}, {name: a, steps: [{command: y}]}]  | pipelineConfig.pipelines.release.pipeline.stages[1].name: duplicate stage name 'a'
      duplicate step              | stages: [{name: a, steps: [{name: s, command: x}, {name: s, command: y}]}]    | pipelineConfig.pipelines.release.pipeline.stages[0].steps[1].name: duplicate step name 's'
      empty command               | stages: [{name: a, steps: [{command: ''}]}]                                    | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].command: empty
      shell syntax with args      | stages: [{name: a, steps: [{command: 'make test', args: [x]}]}]                | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].command: 'make test' holds shell syntax but has args
      command and sh              | stages: [{name: a, steps: [{command: x, sh: y}]}]                              | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].sh: give command or sh, not both
      sh with args                | stages: [{name: a, steps: [{sh: x, args: [y]}]}]                               | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].args: an sh step takes no args
      absolute dir                | stages: [{name: a, steps: [{command: x, dir: /etc}]}]                          | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].dir: '/etc' is absolute
      dir leaving workspace       | stages: [{name: a, steps: [{command: x, dir: ../up}]}]                         | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].dir: '../up' leaves the workspace
      bad timeout                 | stages: [{name: a, steps: [{command: x, timeout: soon}]}]                      | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].timeout: 'soon' is not a duration
      bad timeout unit            | 'options: {timeout: {time: 5, unit: weeks}}\n        stages: [{name: a, steps: [{command: x}]}]' | pipelineConfig.pipelines.release.pipeline.options.timeout: unit 'weeks' is not one of
      bad timeout time            | 'options: {timeout: {time: soon}}\n        stages: [{name: a, steps: [{command: x}]}]' | pipelineConfig.pipelines.release.pipeline.options.timeout.time: 'soon' is not a whole number
      bad env name                | stages: [{name: a, steps: [{command: x, env: [{name: 1X, value: v}]}]}]        | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].env[0].name: '1X' is not a valid environment variable name
      env valueFrom               | stages: [{name: a, steps: [{command: x, env: [{name: X, valueFrom: {}}]}]}]    | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].env[0].valueFrom: not supported
      env twice                   | stages: [{name: a, steps: [{command: x, env: [{name: X}, {name: X}]}]}]        | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].env[1].name: 'X' is set twice
      bad credential name         | 'credentials: [a-b]\n        stages: [{name: a, steps: [{command: x}]}]'         | pipelineConfig.pipelines.release.pipeline.credentials[0]: 'a-b' is not a valid name
      nested stages               | stages: [{name: a, stages: [], steps: [{command: x}]}]                         | pipelineConfig.pipelines.release.pipeline.stages[0].stages: nested stages are not supported
      args not strings            | stages: [{name: a, steps: [{command: x, args: [[1]]}]}]                        | pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].args[0]: expected a single value, found a list
      """)
    void parse_invalidField_namesPathAndReason(String what, String pipelineBody, String expected) {
        String yaml = HEAD + "        " + pipelineBody.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> parser.parse("jenkins-x.yml", yaml))
                .as(what)
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining(expected)
                .hasMessageStartingWith("jenkins-x.yml:");
    }

    @Test
    void parse_manyProblems_reportsAllWithLines() {
        PipelineException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                PipelineException.class, () -> parser.parse("j.yml", """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages:
                - name: a
                  steps:
                  - name: one
                  - command: [x]
        """));
        assertThat(e.problems())
                .extracting(dev.slipway.support.Problem::path)
                .containsExactly(
                        "pipelineConfig.pipelines.release.pipeline.stages[0].steps[0].command",
                        "pipelineConfig.pipelines.release.pipeline.stages[0].steps[1].command");
        assertThat(e.problems().get(0).line()).isEqualTo(8);
        assertThat(e.problems().get(1).line()).isEqualTo(9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      syntax error           | 'pipelineConfig:\n  pipelines: [unclosed\n'                  | j.yml:3:1: invalid YAML
      tab indentation        | 'pipelineConfig:\n\tpipelines: {}\n'                          | j.yml:2:1: invalid YAML
      not a mapping          | '- a\n- b\n'                                                   | j.yml:1:1: expected a mapping, found a list
      empty file             | ''                                                             | j.yml:1:1: the file is empty
      unknown top field      | 'pipelineConfig: {pipelines: {}}\nbuildpack: none\n'           | j.yml:2:12: buildpack: unknown field
      other build pack       | 'buildPack: python\npipelineConfig: {pipelines: {}}\n'         | buildPack: 'python' is not supported
      no pipelines           | 'pipelineConfig: {pipelines: {}}\n'                            | pipelineConfig.pipelines: defines neither release nor pullRequest
      duplicate key          | 'pipelineConfig: {}\npipelineConfig: {}\n'                     | Duplicate field 'pipelineConfig'
      two documents          | 'pipelineConfig: {}\n---\npipelineConfig: {}\n'               | more than one YAML document
      dangling alias         | 'pipelineConfig: *nothing\n'                                   | alias *nothing names no anchor
      """)
    void parse_badFile_namesLineAndReason(String what, String yaml, String expected) {
        assertThatThrownBy(() -> parser.parse("j.yml", yaml.replace("\\n", "\n").replace("\\t", "\t")))
                .as(what)
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void parse_aliases_areExpanded() {
        PipelineFile file = parser.parse("j.yml", """
        pipelineConfig:
          pipelines:
            release:
              pipeline: &p
                stages: [{name: a, steps: [{command: x}]}]
            pullRequest:
              pipeline: *p
        """);
        assertThat(file.pipeline(PipelineKind.pullRequest)
                        .orElseThrow()
                        .stages()
                        .get(0)
                        .steps()
                        .get(0)
                        .command())
                .isEqualTo("x");
    }

    @Test
    void parse_aliasBomb_isRefusedQuickly() {
        StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            b.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))))
                    .append("]\n");
        }
        assertThatThrownBy(() -> parser.parse("bomb.yml", b.toString()))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("counting alias expansions");
    }

    @Test
    void parse_deepNesting_isRefused() {
        String yaml = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertThatThrownBy(() -> parser.parse("deep.yml", yaml))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("deep.yml");
    }

    @Test
    void parse_tooLarge_isRefused() {
        String yaml = "# " + "x".repeat(1100 * 1024) + "\n";
        assertThatThrownBy(() -> parser.parse("big.yml", yaml))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("big.yml: file is")
                .hasMessageContaining("the limit is 1048576");
    }

    @Test
    void parseRepository_noFile_saysWhereItLooked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThatThrownBy(() -> parser.parseRepository(dir))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("jenkins-x.yml")
                .hasMessageContaining("no such file");
    }

    @Test
    void argv_shellRule_onlyWithoutArgs() {
        assertThat(new Step("s", "make", List.of("test"), null, Map.of(), null).argv())
                .containsExactly("make", "test");
        assertThat(new Step("s", "make test", List.of(), null, Map.of(), null).argv())
                .containsExactly("sh", "-c", "make test");
        assertThat(new Step("s", "make", List.of(), null, Map.of(), null).argv())
                .containsExactly("make");
    }
}
