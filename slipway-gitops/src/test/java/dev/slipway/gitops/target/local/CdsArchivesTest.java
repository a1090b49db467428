package dev.slipway.gitops.target.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link CdsArchives}: the training run is a real process (a shell script standing in for {@code java} that
 * writes the file {@code -XX:ArchiveClassesAtExit} names, as the JVM does at exit).
 */
class CdsArchivesTest {

    @TempDir
    Path dir;

    /**
     * A stand-in for {@code java}: writes its command line ({@code argv}), the arguments of the argument file it got
     * ({@code args}: {@code java @FILE}, one quoted argument a line) and the archive, then exits with {@code status}.
     */
    private Path fakeJava(int status) throws Exception {
        final Path java = dir.resolve("java-" + status);
        Files.writeString(
                java,
                "#!/bin/sh\n"
                        + "printf '%s\\n' \"$@\" > \"" + dir + "/argv\"\n"
                        + "sed 's/^\"//; s/\"$//' \"${1#@}\" > \"" + dir + "/args\"\n"
                        + "while read -r a; do case \"$a\" in -XX:ArchiveClassesAtExit=*) echo jsa > \"${a#*=}\";; esac;"
                        + " done < \"" + dir + "/args\"\n"
                        + "exit " + status + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        return java;
    }

    @Test
    void options_noArchiveYet_none_thenTheTrainingRunRecordsIt_andItIsUsed() throws Exception {
        final CdsArchives archives = new CdsArchives(dir.resolve("cds"));
        final String java = fakeJava(0).toString();
        final List<String> args = List.of("dev.slipway.cli.ServeMain", "serve", "--implementation", "SKLEARN_SERVER");

        assertThat(archives.options(java, List.of("-Xms16m"), "a.jar", args)).isEmpty();

        final Path archive = archives.archive(java, List.of("-Xms16m"), "a.jar");
        Await.until("the archive is recorded", Duration.ofSeconds(60), () -> Files.isRegularFile(archive));
        // one short command line whatever the class path (ONNX Runtime's loader crashed on a long one)
        assertThat(Files.readAllLines(dir.resolve("argv")))
                .singleElement()
                .asString()
                .startsWith("@");
        assertThat(Files.readAllLines(dir.resolve("args")))
                .startsWith("-Xms16m")
                .contains("-XX:ArchiveClassesAtExit="
                        + archive.resolveSibling(archive.getFileName() + ".tmp"
                                + ProcessHandle.current().pid()))
                .containsSubsequence("-cp", "a.jar", "dev.slipway.cli.ServeMain", "serve", CdsArchives.TRAINING_FLAG);
        assertThat(archives.options(java, List.of("-Xms16m"), "a.jar", args))
                .containsExactly("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        Await.until(
                "the marker is removed",
                Duration.ofSeconds(60),
                () -> !Files.exists(
                        archive.resolveSibling(archive.getFileName().toString().replace(".jsa", ".training"))));
    }

    @Test
    void options_trainingRunFails_noArchive() throws Exception {
        final CdsArchives archives = new CdsArchives(dir.resolve("cds"));
        final String java = fakeJava(3).toString();
        assertThat(archives.options(java, List.of(), "a.jar", List.of("M", "serve")))
                .isEmpty();
        final Path archive = archives.archive(java, List.of(), "a.jar");
        final Path log = archive.resolveSibling(archive.getFileName().toString().replace(".jsa", ".log"));
        final Path marker =
                archive.resolveSibling(archive.getFileName().toString().replace(".jsa", ".training"));
        Await.until(
                "the failed training run is over",
                Duration.ofSeconds(60),
                () -> Files.exists(log) && !Files.exists(marker));
        assertThat(archive).doesNotExist();
        assertThat(archives.options(java, List.of(), "a.jar", List.of("M", "serve")))
                .isEmpty();
    }

    @Test
    void archive_changesWithTheJarsTheOptionsAndTheJava() throws Exception {
        final CdsArchives archives = new CdsArchives(dir);
        final Path jar = dir.resolve("a.jar");
        Files.writeString(jar, "one");
        final Path first = archives.archive("/usr/bin/java", List.of("-Xms16m"), jar.toString());

        assertThat(archives.archive("/usr/bin/java", List.of("-Xms16m"), jar.toString()))
                .isEqualTo(first);
        assertThat(archives.archive("/usr/bin/java", List.of("-Xms32m"), jar.toString()))
                .isNotEqualTo(first);
        assertThat(archives.archive("/opt/java", List.of("-Xms16m"), jar.toString()))
                .isNotEqualTo(first);
        Files.writeString(jar, "rebuilt");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(archives.archive("/usr/bin/java", List.of("-Xms16m"), jar.toString()))
                .isNotEqualTo(first);
    }

    @Test
    void options_markerOfADeadProcess_takenOverAndItsLeftoversRemoved() throws Exception {
        final CdsArchives archives = new CdsArchives(dir.resolve("cds"));
        final String java = fakeJava(0).toString();
        final Path archive = archives.archive(java, List.of(), "a.jar");
        Files.createDirectories(archive.getParent());
        final String base = archive.getFileName().toString().replace(".jsa", "");
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(archive.resolveSibling(base + ".training"), Long.toString(gone.pid()));
        final Path leftover = archive.resolveSibling(base + ".jsa.tmp" + gone.pid());
        Files.writeString(leftover, "half an archive");

        assertThat(archives.options(java, List.of(), "a.jar", List.of("M", "serve")))
                .isEmpty();

        Await.until("the archive is recorded", Duration.ofSeconds(60), () -> Files.isRegularFile(archive));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void options_recordingANewBuild_removesTheArchivesOfEarlierBuilds() throws Exception {
        final CdsArchives archives = new CdsArchives(dir.resolve("cds"));
        final String java = fakeJava(0).toString();
        final Path jar = dir.resolve("slipway.jar");
        Files.writeString(jar, "build 1");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        final Path old = archives.archive(java, List.of(), jar.toString());
        Files.createDirectories(old.getParent());
        Files.writeString(old, "an archive of build 1");
        Files.writeString(jar, "build 2");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));

        assertThat(archives.options(java, List.of(), jar.toString(), List.of("M", "serve")))
                .isEmpty();

        final Path current = archives.archive(java, List.of(), jar.toString());
        Await.until("the archive is recorded", Duration.ofSeconds(60), () -> Files.isRegularFile(current));
        Await.until("the earlier build's archive is removed", Duration.ofSeconds(60), () -> !Files.exists(old));
        assertThat(current).exists();
    }

    @Test
    void stopTraining_stopsTheRunInProgress_recordsNothing_andStartsNoOther() throws Exception {
        final CdsArchives archives = new CdsArchives(dir.resolve("cds"));
        final Path java = dir.resolve("java-slow");
        // a training run that would take long: it says its process id, then waits (exec keeps the id)
        Files.writeString(
                java,
                "#!/bin/sh\necho $$ > \"" + dir + "/pid.tmp\"\nmv \"" + dir + "/pid.tmp\" \"" + dir
                        + "/pid\"\nexec sleep 600\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        assertThat(archives.options(java.toString(), List.of(), "a.jar", List.of("M", "serve")))
                .isEmpty();
        Await.until("the training run started", Duration.ofSeconds(60), () -> Files.exists(dir.resolve("pid")));
        final long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());

        archives.stopTraining();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("the training run is stopped")
                .isFalse();
        final Path archive = archives.archive(java.toString(), List.of(), "a.jar");
        final Path marker =
                archive.resolveSibling(archive.getFileName().toString().replace(".jsa", ".training"));
        Await.until("its marker is removed", Duration.ofSeconds(60), () -> !Files.exists(marker));
        assertThat(archive).doesNotExist();
        // a stopped runtime starts no training run: the other class path gets none either
        assertThat(archives.options(java.toString(), List.of(), "b.jar", List.of("M", "serve")))
                .isEmpty();
        assertThat(Files.readString(dir.resolve("pid")).strip()).isEqualTo(Long.toString(pid));
    }
}
