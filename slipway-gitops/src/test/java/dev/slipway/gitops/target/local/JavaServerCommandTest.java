package dev.slipway.gitops.target.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.testing.PrintArgs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link JavaServerCommand}. */
class JavaServerCommandTest {

    private final JavaServerCommand command =
            new JavaServerCommand("/usr/bin/java", "a.jar:b.jar", JavaServerCommand.SLIPWAY_MAIN, List.of("-Xmx64m"));

    @Test
    void command_prepackaged_passesImplementationModelAndParameters() {
        final LaunchSpec spec = new LaunchSpec(
                "clf", "SKLEARN_SERVER", "file:///m", List.of("method=predict"), null, null, Map.of(), null);
        assertThat(command.command(spec, "127.0.0.1"))
                .containsExactly(
                        "/usr/bin/java",
                        "-Xmx64m",
                        "-cp",
                        "a.jar:b.jar",
                        "dev.slipway.cli.Slipway",
                        "serve",
                        "--implementation",
                        "SKLEARN_SERVER",
                        "--model-uri",
                        "file:///m",
                        "--param",
                        "method=predict",
                        "--name",
                        "clf",
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--grpc-port",
                        "-1",
                        "--watch-parent",
                        Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void command_sharedServer_servesPackedFromTheModelRoots() {
        final LaunchSpec spec =
                new LaunchSpec("packed-0", LaunchSpec.PACKED_RUNTIME, null, List.of(), null, null, Map.of(), null);
        assertThat(command.command(spec, "127.0.0.1"))
                .containsSequence("serve", "--packed", "--model-root", "/", "--name", "packed-0")
                .doesNotContain("--implementation", "--model-uri");
        assertThat(command.withModelRoots(List.of(Path.of("/data/gitops"))).command(spec, "127.0.0.1"))
                .containsSequence("serve", "--packed", "--model-root", "/data/gitops", "--name", "packed-0");
    }

    @Test
    void command_customServer_passesClassAndClasspath() {
        final LaunchSpec spec =
                new LaunchSpec("scorer", null, null, List.of(), "com.acme.Scorer", "/x/s.jar", Map.of("K", "V"), null);
        assertThat(command.command(spec, "127.0.0.1"))
                .containsSequence("serve", "--class", "com.acme.Scorer", "--classpath", "/x/s.jar", "--name", "scorer");
    }

    @Test
    void command_forALogFile_isJavaWithAnArgumentFileBesideTheLog_holdingEveryArgumentAndTheErrorFile(@TempDir Path dir)
            throws Exception {
        final Path log = dir.resolve("logs/ns/d/p-m-0.log");
        final LaunchSpec spec = new LaunchSpec(
                "scorer", null, null, List.of("k=a \"b\" \\c"), "com.acme.Scorer", "/x/s.jar", Map.of(), null);
        final List<String> cmd = command.command(spec, "127.0.0.1", log);
        final Path args = dir.resolve("logs/ns/d/p-m-0.args").toAbsolutePath();
        assertThat(cmd).containsExactly("/usr/bin/java", "@" + args);
        assertThat(Files.readAllLines(args))
                .containsExactly(
                        "\"-Xmx64m\"",
                        "\"-XX:ErrorFile=" + dir.toAbsolutePath().resolve("logs/ns/d/p-m-0.hs_err_pid%p.log") + "\"",
                        "\"-cp\"",
                        "\"a.jar:b.jar\"",
                        "\"dev.slipway.cli.Slipway\"",
                        "\"serve\"",
                        "\"--param\"",
                        "\"k=a \\\"b\\\" \\\\c\"",
                        "\"--class\"",
                        "\"com.acme.Scorer\"",
                        "\"--classpath\"",
                        "\"/x/s.jar\"",
                        "\"--name\"",
                        "\"scorer\"",
                        "\"--port\"",
                        "\"0\"",
                        "\"--host\"",
                        "\"127.0.0.1\"",
                        "\"--grpc-port\"",
                        "\"-1\"",
                        "\"--watch-parent\"",
                        "\"" + ProcessHandle.current().pid() + "\"",
                        "\"--socket\"",
                        "\"" + dir.toAbsolutePath().resolve("logs/ns/d/p-m-0.sock") + "\"");
        assertThat(command.crashReport(log, 42))
                .isEqualTo(dir.toAbsolutePath().resolve("logs/ns/d/p-m-0.hs_err_pid42.log"));
    }

    /**
     * A server JVM's own command line stays short however long its classpaths: ONNX Runtime reads
     * {@code /proc/self/cmdline} when it loads and overflows its thread's stack on a few KiB (SIGSEGV, exit 139, no
     * report), which killed every image-backed replica started with a test's classpath.
     */
    @Test
    void command_longClasspaths_reachTheJvmIntactThroughTheArgumentFile_andItsCommandLineStaysShort(@TempDir Path dir)
            throws Exception {
        final StringBuilder classpath = new StringBuilder(System.getProperty("java.class.path"));
        final List<String> jars = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            classpath
                    .append(':')
                    .append(dir)
                    .append("/missing folder/lib-")
                    .append(i)
                    .append(".jar");
            jars.add(dir + "/cache/0123456789abcdef0123456789abcdef/app/lib/dependency-number-" + i + ".jar");
        }
        final String imageClasspath = String.join(":", jars);
        final JavaServerCommand java = new JavaServerCommand(
                ProcessHandle.current().info().command().orElseThrow(),
                classpath.toString(),
                PrintArgs.class.getName(),
                JavaServerCommand.DEFAULT_JVM_OPTIONS);
        final LaunchSpec spec = new LaunchSpec(
                "m", null, "file:///m", List.of("quote=\"a b\"\\"), "com.acme.M", imageClasspath, Map.of(), null);
        final Path log = dir.resolve("m-0.log");
        final Process p = new ProcessBuilder(java.command(spec, "127.0.0.1", log))
                .redirectErrorStream(true)
                .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines()
                        .filter(l -> l.startsWith("arg "))
                        .map(l -> l.substring(4))
                        .toList())
                .containsExactly(
                        "serve",
                        "--model-uri",
                        "file:///m",
                        "--param",
                        "quote=\"a b\"\\",
                        "--class",
                        "com.acme.M",
                        "--classpath",
                        imageClasspath,
                        "--name",
                        "m",
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--grpc-port",
                        "-1",
                        "--watch-parent",
                        Long.toString(ProcessHandle.current().pid()),
                        "--socket",
                        dir.toAbsolutePath().resolve("m-0.sock").toString());
        assertThat(out).contains("classpath-length " + classpath.length());
        final int cmdline = Integer.parseInt(out.lines()
                .filter(l -> l.startsWith("cmdline-length "))
                .findFirst()
                .orElseThrow()
                .substring(15));
        assertThat(classpath.length() + imageClasspath.length()).isGreaterThan(40_000);
        assertThat(cmdline).isLessThan(1024);
    }

    @Test
    void command_forALogFileWhoseSocketPathIsTooLong_servesOnItsPortOnly(@TempDir Path dir) throws Exception {
        final Path log =
                dir.resolve("x".repeat(JavaServerCommand.MAX_SOCKET_PATH)).resolve("p-m-0.log");
        final LaunchSpec spec =
                new LaunchSpec("clf", "SKLEARN_SERVER", "file:///m", List.of(), null, null, Map.of(), null);
        command.command(spec, "127.0.0.1", log);
        assertThat(JavaServerCommand.socketFile(log)).isNull();
        assertThat(Files.readAllLines(JavaServerCommand.argFile(log))).doesNotContain("\"--socket\"");
    }

    @Test
    void revision_changesWithParametersOnly() {
        final LaunchSpec a =
                new LaunchSpec("m", "SKLEARN_SERVER", "file:///m", List.of("v=1"), null, null, Map.of(), null);
        final LaunchSpec b =
                new LaunchSpec("m", "SKLEARN_SERVER", "file:///m", List.of("v=2"), null, null, Map.of(), null);
        assertThat(a.revision())
                .isEqualTo(
                        new LaunchSpec("m", "SKLEARN_SERVER", "file:///m", List.of("v=1"), null, null, Map.of(), null)
                                .revision())
                .isNotEqualTo(b.revision());
    }

    @Test
    void command_customClassOnAChosenClasspath_neitherUsesNorRecordsAnArchive(@TempDir Path dir) throws Exception {
        final CdsArchives archives = new CdsArchives(dir);
        final JavaServerCommand slim = new JavaServerCommand(
                        "/usr/bin/java", "slipway.jar", JavaServerCommand.SLIPWAY_MAIN, List.of("-XX:+UseSerialGC"))
                .withReplicaClasspath(
                        spec -> new ReplicaClasspath.Choice("serving.jar", "dev.slipway.cli.ServeMain"), archives);
        Files.writeString(archives.archive("/usr/bin/java", List.of("-XX:+UseSerialGC"), "serving.jar"), "recorded");
        final LaunchSpec custom = new LaunchSpec("c", null, null, List.of(), "com.acme.M", "/x/m.jar", Map.of(), null);

        // a training run would call the user's model once more with made-up inputs: a custom class gets none
        assertThat(slim.command(custom, "127.0.0.1"))
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:ArchiveClassesAtExit"))
                .containsSequence("-cp", "serving.jar", "dev.slipway.cli.ServeMain", "serve");
    }

    @Test
    void command_chosenClasspath_replacesClasspathMainAndTheJvmsArchive(@TempDir Path dir) throws Exception {
        final CdsArchives archives = new CdsArchives(dir);
        final JavaServerCommand slim = new JavaServerCommand(
                        "/usr/bin/java",
                        "slipway.jar",
                        JavaServerCommand.SLIPWAY_MAIN,
                        List.of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=/dist/slipway.jsa"))
                .withReplicaClasspath(
                        spec -> "SKLEARN_SERVER".equals(spec.implementation())
                                ? new ReplicaClasspath.Choice("serving.jar:sklearn.jar", "dev.slipway.cli.ServeMain")
                                : null,
                        archives);
        final Path archive = archives.archive("/usr/bin/java", List.of("-XX:+UseSerialGC"), "serving.jar:sklearn.jar");
        Files.writeString(archive, "recorded");
        final LaunchSpec sklearn =
                new LaunchSpec("clf", "SKLEARN_SERVER", "/nowhere", List.of(), null, null, Map.of(), null);

        final List<String> cmd = slim.command(sklearn, "127.0.0.1", dir.resolve("clf-0.log"));
        final List<String> args = Files.readAllLines(JavaServerCommand.argFile(dir.resolve("clf-0.log")));

        assertThat(cmd).hasSize(2);
        assertThat(args)
                .doesNotContain("\"-XX:SharedArchiveFile=/dist/slipway.jsa\"")
                .contains("\"-XX:SharedArchiveFile=" + archive + "\"")
                .containsSubsequence(
                        "\"-XX:ErrorFile=" + dir.resolve("clf-0.hs_err_pid%p.log") + "\"",
                        "\"-cp\"",
                        "\"serving.jar:sklearn.jar\"",
                        "\"dev.slipway.cli.ServeMain\"",
                        "\"serve\"",
                        "\"--implementation\"");
        // not chosen (a custom class here): the command's own class path, main class and archive
        final LaunchSpec custom = new LaunchSpec("c", null, null, List.of(), "com.acme.M", "/x/m.jar", Map.of(), null);
        assertThat(slim.command(custom, "127.0.0.1"))
                .contains("-XX:SharedArchiveFile=/dist/slipway.jsa")
                .containsSequence("-cp", "slipway.jar", JavaServerCommand.SLIPWAY_MAIN, "serve");
    }
}
