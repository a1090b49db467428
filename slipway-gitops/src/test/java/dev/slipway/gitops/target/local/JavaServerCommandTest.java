package dev.slipway.gitops.target.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link JavaServerCommand}. */
class JavaServerCommandTest {

  private final JavaServerCommand command = new JavaServerCommand("/usr/bin/java", "a.jar:b.jar",
      JavaServerCommand.SLIPWAY_MAIN, List.of("-Xmx64m"));

  @Test
  void command_prepackaged_passesImplementationModelAndParameters() {
    final LaunchSpec spec = new LaunchSpec("clf", "SKLEARN_SERVER", "file:///m", List.of("method=predict"), null,
        null, Map.of());
    assertThat(command.command(spec, "127.0.0.1")).containsExactly("/usr/bin/java", "-Xmx64m", "-cp",
        "a.jar:b.jar", "dev.slipway.cli.Slipway", "serve", "--implementation", "SKLEARN_SERVER", "--model-uri",
        "file:///m", "--param", "method=predict", "--name", "clf", "--port", "0", "--host", "127.0.0.1",
        "--watch-parent", Long.toString(ProcessHandle.current().pid()));
  }

  @Test
  void command_customServer_passesClassAndClasspath() {
    final LaunchSpec spec = new LaunchSpec("scorer", null, null, List.of(), "com.acme.Scorer", "/x/s.jar",
        Map.of("K", "V"));
    assertThat(command.command(spec, "127.0.0.1")).containsSequence("serve", "--class", "com.acme.Scorer",
        "--classpath", "/x/s.jar", "--name", "scorer");
  }

  @Test
  void revision_changesWithParametersOnly() {
    final LaunchSpec a = new LaunchSpec("m", "SKLEARN_SERVER", "file:///m", List.of("v=1"), null, null, Map.of());
    final LaunchSpec b = new LaunchSpec("m", "SKLEARN_SERVER", "file:///m", List.of("v=2"), null, null, Map.of());
    assertThat(a.revision()).isEqualTo(new LaunchSpec("m", "SKLEARN_SERVER", "file:///m", List.of("v=1"), null,
        null, Map.of()).revision()).isNotEqualTo(b.revision());
  }
}
