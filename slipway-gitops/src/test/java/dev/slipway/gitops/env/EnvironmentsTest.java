package dev.slipway.gitops.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Environments}. */
class EnvironmentsTest {

    private static Environments parse(String yaml) {
        return Environments.parse(yaml.getBytes(StandardCharsets.UTF_8), "environments.yaml");
    }

    @Test
    void defaults_roundTripThroughYaml() {
        final Environments envs = Environments.defaults(List.of("alice", "bob"));
        final Environments again = parse(envs.toYaml());
        assertThat(again).isEqualTo(envs);
        assertThat(again.require("production").promotion()).isEqualTo(PromotionPolicy.APPROVAL);
        assertThat(again.require("production").approvers()).containsExactly("alice", "bob");
    }

    @Test
    void requestLog_parsedAndRoundTripped() {
        final Environments envs = parse("""
        environments:
        - name: staging
          requestLog: {url: "http://127.0.0.1:9000/events"}
        - name: production
          promotion: approval
          approvers: [alice]
        """);
        assertThat(envs.require("staging").requestLog())
                .isEqualTo(new Environment.RequestLog("http://127.0.0.1:9000/events"));
        assertThat(envs.require("production").requestLog()).isNull();
        assertThat(parse(envs.toYaml())).isEqualTo(envs);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "environments: []|environments: must be a non-empty list",
                "environments: [{name: prod, promotion: approval}]|environments[0].approvers: an approval environment needs",
                "environments: [{name: s, promotion: sometimes}]|environments[0].promotion: 'sometimes' is not a promotion",
                "environments: [{name: s, target: kubernetes}]|environments[0].target: unknown target 'kubernetes'",
                "environments: [{name: s, folder: ../x}]|environments[0].folder:",
                "environments: [{name: s}, {name: s}]|environments[1].name: duplicate environment 's'",
                "environments: [{name: Staging}]|environments[0].name: 'Staging' must be a DNS label",
                "environments: [{name: s, approvers: [a]}]|environments[0].approvers: approvers only apply",
                "environments: [{name: s, colour: red}]|environments[0].colour: unknown field",
                "environments: [{name: s, requestLog: http://sink/}]|environments[0].requestLog: must be a mapping",
                "environments: [{name: s, requestLog: {}}]|environments[0].requestLog.url: is required",
                "environments: [{name: s, requestLog: {url: 3}}]|environments[0].requestLog.url: must be a non-empty string",
                "environments: [{name: s, requestLog: {url: 'file:///etc/passwd'}}]|environments[0].requestLog.url: 'file:///etc/passwd' must start with http",
                "environments: [{name: s, requestLog: {url: 'http:///x'}}]|environments[0].requestLog.url:",
                "environments: [{name: s, requestLog: {url: 'http://sink/', mode: all}}]|environments[0].requestLog.mode: unknown field",
                "'environments: [ {'|malformed YAML"
            })
    void parse_badInput_namesTheField(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("environments.yaml")
                .hasMessageContaining(message);
    }
}
