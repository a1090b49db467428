package dev.slipway.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayProcess;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 10 of issue 13: {@code repo push} with {@code SLIPWAY_TOKEN} used to run
 * {@code git -c http.extraHeader=Authorization: Bearer TOKEN push} (every user sees it in {@code ps}). A {@code git}
 * first on PATH records every command line it is started with: the push succeeds against an API that requires the
 * token, and the token is on none of them.
 */
class SecretsOnArgvIT {

    @TempDir
    Path tmp;

    @Test
    void repoPush_withAToken_neverPutsItOnACommandLine() throws Exception {
        LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> {
            throw new AssertionError("no model server may start in this test");
        });
        try (ControlPlane plane =
                new ControlPlane(new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 1).withAuth(true)).start()) {
            String token = plane.tokens().create("dana", Role.DEVELOPER);
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Path log = tmp.resolve("git-argv.log");
            Path wrapper = bin.resolve("git");
            Files.writeString(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + log + "'\nexec /usr/bin/git \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path repo = Files.createDirectories(tmp.resolve("news"));
            Git git = new Git();
            git.run(repo, "init", "-q", "-b", "main");
            Files.writeString(repo.resolve("README.md"), "news\n");
            git.run(repo, "add", "-A");
            git.run(repo, "-c", "user.name=dana", "-c", "user.email=d@example.com", "commit", "-qm", "first");

            try (SlipwayProcess p = SlipwayProcess.start(
                    Map.of("SLIPWAY_TOKEN", token, "PATH", bin + ":" + System.getenv("PATH")),
                    "repo",
                    "push",
                    "news",
                    "--dir",
                    repo.toString(),
                    "--server",
                    "http://127.0.0.1:" + plane.apiPort())) {
                assertThat(p.awaitExit()).as(p.out() + p.err()).isZero();
            }
            assertThat(log).exists();
            assertThat(Files.readString(log)).contains("push").doesNotContain(token);
            assertThat(plane.pipelines().repositories().branches("news")).containsKey("main");
        }
    }
}
