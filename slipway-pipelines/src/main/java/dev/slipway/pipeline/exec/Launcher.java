package dev.slipway.pipeline.exec;

import java.nio.charset.StandardCharsets;
import dev.slipway.support.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder that holds a {@code slipway} launcher for steps to call: the distribution's own (system
 * property {@code slipway.home}, set by the {@code ./slipway} script) or, when this JVM was started some
 * other way, a small script written to {@code DATA/bin/slipway} that starts this same Java with this same
 * class path.
 */
public final class Launcher {

  /** The CLI's main class. */
  public static final String SLIPWAY_MAIN = "dev.slipway.cli.Slipway";

  private Launcher() {}

  /** The launcher's folder for steps' PATH (see the class comment); {@code mainClass} is the CLI's main class. */
  public static Path dir(Path dataDir, String mainClass) {
    String home = System.getProperty("slipway.home");
    if (home != null && Files.isExecutable(Path.of(home, "slipway"))) {
      return Path.of(home).toAbsolutePath();
    }
    Path bin = dataDir.resolve("bin");
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    String script = "#!/bin/sh\n# written by slipway: the CLI for pipeline steps\nexec " + quote(javaCmd)
        + " -XX:+UseSerialGC -cp " + quote(System.getProperty("java.class.path")) + " " + mainClass + " \"$@\"\n";
    try {
      Files.createDirectories(bin);
      Path file = bin.resolve("slipway");
      if (!Files.exists(file) || !Files.readString(file).equals(script)) {
        AtomicFiles.write(file, script.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the slipway launcher in " + bin, e);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
