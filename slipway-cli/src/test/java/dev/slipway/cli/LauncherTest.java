package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for the {@code ./slipway} launcher's first build: Maven's output condensed to one line per module on stderr,
 * and on failure the full log with ANSI escapes stripped. A copy of the launcher runs in a folder without a jar, with
 * stand-ins for {@code mvn} (printing what a reactor build prints) and {@code java} first on PATH.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private static final String REACTOR = """
      [INFO] Scanning for projects...
      [INFO] ------------------------------------------------------------------------
      [INFO] Reactor Build Order:
      [INFO]
      [INFO] -------------------< dev.slipway:slipway-model-api >--------------------
      [INFO] Building Slipway model API 0.1.0-SNAPSHOT                          [1/3]
      [INFO]   from slipway-model-api/pom.xml
      [INFO] --------------------------------[ jar ]---------------------------------
      [INFO] Compiling 12 source files with javac [debug release 17] to target/classes
      [INFO] ---------------------< dev.slipway:slipway-serving >---------------------
      [INFO] Building slipway-serving 0.1.0-SNAPSHOT                            [2/3]
      [INFO] -----------------------< dev.slipway:slipway-cli >-----------------------
      [INFO] Building slipway-cli 0.1.0-SNAPSHOT                                [3/3]
      [INFO] BUILD SUCCESS
      """;

    private Path root;

    private void fake(Path bin, String name, String script) throws Exception {
        final Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process launch(String mvnScript) throws Exception {
        root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(Path.of("../slipway"), root.resolve("slipway"), StandardCopyOption.COPY_ATTRIBUTES);
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("reactor.txt"), REACTOR);
        fake(bin, "mvn", mvnScript);
        fake(bin, "java", "echo \"java ran: $*\"\n");
        final ProcessBuilder pb = new ProcessBuilder(root.resolve("slipway").toString(), "--version");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("SLIPWAY_NO_CDS", "1");
        pb.environment().put("REACTOR", dir.resolve("reactor.txt").toString());
        return pb.start();
    }

    private static String read(java.io.InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void firstBuild_printsOneLinePerModule_thenRuns() throws Exception {
        final Process p =
                launch("cat \"$REACTOR\"\nmkdir -p slipway-cli/target && : > slipway-cli/target/slipway.jar\n");
        final String out = read(p.getInputStream());
        final String err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err.lines()
                        .filter(l -> l.startsWith("slipway: building ["))
                        .map(l -> l.replaceAll(" \\(\\d+s\\)$", "")))
                .containsExactly(
                        "slipway: building [1/3] slipway-model-api",
                        "slipway: building [2/3] slipway-serving",
                        "slipway: building [3/3] slipway-cli");
        assertThat(err).contains("slipway: built in").doesNotContain("Compiling", "BUILD SUCCESS");
        assertThat(out)
                .startsWith("java ran: ")
                .contains("-jar " + root.resolve("slipway-cli/target/slipway.jar"), "--version");
    }

    @Test
    void failedBuild_showsTheFullLogWithoutAnsiEscapes() throws Exception {
        final Process p =
                launch("cat \"$REACTOR\" | head -6\nprintf '\\033[1;31m[ERROR]\\033[m COMPILATION ERROR in Foo.java\\n'"
                        + "\nexit 1\n");
        final String out = read(p.getInputStream());
        final String err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err)
                .contains(
                        "slipway: building [1/3] slipway-model-api",
                        "[INFO] Scanning for projects...",
                        "[ERROR] COMPILATION ERROR in Foo.java",
                        "slipway: the build failed")
                .doesNotContain("\u001B");
    }
}
