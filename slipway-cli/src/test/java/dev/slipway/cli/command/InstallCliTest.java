package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link InstallCli}: the wrapper it writes runs the checkout's launcher with the arguments given. */
class InstallCliTest {

    @TempDir
    Path dir;

    private String before;
    private Path checkout;

    @BeforeEach
    void checkout() throws Exception {
        before = System.getProperty("slipway.home");
        checkout = Files.createDirectories(dir.resolve("my checkout's copy"));
        final Path launcher = checkout.resolve("slipway");
        Files.writeString(launcher, "#!/bin/sh\necho \"launcher got: $*\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("slipway.home", checkout.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("slipway.home");
        } else {
            System.setProperty("slipway.home", before);
        }
    }

    @Test
    void installCli_writesAWrapperThatRunsTheLauncher_andSaysWhenNotOnPath() throws Exception {
        final Path bin = dir.resolve("bin");
        final Cli.Run run = Cli.run("install-cli", "--dir", bin.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "wrote " + bin.resolve("slipway"),
                        bin + " is not on your PATH",
                        "export PATH=\"" + bin + ":$PATH\"");
        final Process p = new ProcessBuilder(bin.resolve("slipway").toString(), "get", "deployments", "two words")
                .redirectErrorStream(true)
                .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("launcher got: get deployments two words\n");
    }

    @Test
    void installCli_again_replacesItsOwnWrapper_butNotSomethingElse() throws Exception {
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        assertThat(Cli.run("install-cli", "--dir", bin.toString()).code()).isZero();
        assertThat(Cli.run("install-cli", "--dir", bin.toString()).code()).isZero();
        Files.writeString(bin.resolve("slipway"), "#!/bin/sh\necho someone else's\n");
        final Cli.Run refused = Cli.run("install-cli", "--dir", bin.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("is not a Slipway wrapper", "--force");
        assertThat(Files.readString(bin.resolve("slipway"))).contains("someone else's");
    }

    @Test
    void installCli_withoutTheLauncher_saysHowToRunIt() {
        System.setProperty("slipway.home", dir.resolve("nowhere").toString());
        final Cli.Run run = Cli.run("install-cli", "--dir", dir.resolve("bin").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("./slipway install-cli");
    }
}
