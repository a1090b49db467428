package dev.slipway.gitops.target.local;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starts {@code java [jvmOptions] -cp CLASSPATH MAIN serve --implementation … --port 0 --host HOST} (the
 * Slipway CLI's {@code serve} command, or any main with the same arguments).
 *
 * @param javaBinary the {@code java} executable
 * @param classpath the runtime classpath holding {@code mainClass}
 * @param mainClass the main class
 * @param jvmOptions options before {@code -cp}
 */
public record JavaServerCommand(String javaBinary, String classpath, String mainClass, List<String> jvmOptions)
    implements ServerCommand {

  /** The main class of the Slipway CLI. */
  public static final String SLIPWAY_MAIN = "dev.slipway.cli.Slipway";

  /** Small JVMs: a model server per replica must not take the machine. */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto");

  public JavaServerCommand {
    Objects.requireNonNull(javaBinary, "javaBinary");
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(mainClass, "mainClass");
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * The running JVM's {@code java} and classpath, with {@code mainClass}; its class-data-sharing archive and
   * {@code -Dvertx.*} settings are passed on (they make a server start faster).
   */
  public static JavaServerCommand fromCurrentJvm(String mainClass) {
    final String java = ProcessHandle.current().info().command()
        .orElse(System.getProperty("java.home") + "/bin/java");
    final List<String> options = new ArrayList<>(DEFAULT_JVM_OPTIONS);
    for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-XX:SharedArchiveFile=") || arg.startsWith("-Dvertx.")) {
        options.add(arg);
      }
    }
    return new JavaServerCommand(java, System.getProperty("java.class.path"), mainClass, options);
  }

  @Override
  public List<String> command(LaunchSpec spec, String host) {
    final List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.add("serve");
    if (spec.implementation() != null) {
      cmd.add("--implementation");
      cmd.add(spec.implementation());
    }
    if (spec.modelUri() != null) {
      cmd.add("--model-uri");
      cmd.add(spec.modelUri());
    }
    for (final String parameter : spec.parameters()) {
      cmd.add("--param");
      cmd.add(parameter);
    }
    if (spec.modelClass() != null) {
      cmd.add("--class");
      cmd.add(spec.modelClass());
      if (spec.classpath() != null) {
        cmd.add("--classpath");
        cmd.add(spec.classpath());
      }
    }
    cmd.addAll(List.of("--name", spec.nodeName(), "--port", "0", "--host", host));
    // the server stops when this supervisor is gone, even after a kill -9: a crash leaves no orphan
    cmd.addAll(List.of("--watch-parent", Long.toString(ProcessHandle.current().pid())));
    return cmd;
  }
}
