package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.support.AtomicFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipway install-cli [--dir DIR]}: puts a {@code slipway} wrapper on the user's PATH, a two-line script that
 * runs this checkout's launcher, so repository READMEs and pipeline steps can call {@code slipway} bare.
 */
@Command(
        name = "install-cli",
        mixinStandardHelpOptions = true,
        description = {
            "Put a 'slipway' command on your PATH that runs this checkout's ./slipway launcher.",
            "It writes DIR/slipway (default $HOME/.local/bin/slipway) and says when DIR is not on PATH."
        })
public final class InstallCli extends CliCommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the wrapper. Default: $HOME/.local/bin.")
    Path dir;

    @Option(names = "--force", description = "Replace a 'slipway' in DIR that is not a Slipway wrapper.")
    boolean force;

    /** The first line after the shebang of every wrapper this command writes (how it recognises its own). */
    static final String MARKER = "# slipway wrapper written by 'slipway install-cli'";

    @Override
    public Integer call() throws Exception {
        final Settings settings = Settings.fromEnvironment();
        final String home = System.getProperty("slipway.home");
        if (home == null || !Files.isExecutable(Path.of(home, "slipway"))) {
            throw new IllegalArgumentException("run it through the launcher of a checkout (./slipway install-cli): the"
                    + " wrapper points at that launcher");
        }
        final Path launcher = Path.of(home, "slipway").toAbsolutePath().normalize();
        final Path target = (dir != null
                        ? dir
                        : settings.home().getParent().resolve(".local").resolve("bin"))
                .toAbsolutePath()
                .normalize();
        final Path wrapper = target.resolve("slipway");
        if (Files.exists(wrapper) && !force && !Files.readString(wrapper).contains(MARKER)) {
            throw new IllegalArgumentException(
                    wrapper + " exists and is not a Slipway wrapper: remove it or use --force");
        }
        Files.createDirectories(target);
        AtomicFiles.write(
                wrapper,
                ("#!/bin/sh\n" + MARKER + "\nexec " + quote(launcher.toString()) + " \"$@\"\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rwxr-xr-x"));
        final var out = out();
        out.println("wrote " + wrapper + " (runs " + launcher + ")");
        final String path = settings.env("PATH");
        final boolean onPath = path != null
                && Arrays.stream(path.split(File.pathSeparator))
                        .filter(p -> !p.isEmpty())
                        .anyMatch(p -> Path.of(p).toAbsolutePath().normalize().equals(target));
        if (!onPath) {
            out.println(target + " is not on your PATH; add it, e.g. in ~/.bashrc or ~/.profile:");
            out.println("  export PATH=\"" + target + ":$PATH\"");
        }
        out.flush();
        return 0;
    }

    /** {@code s} as one POSIX shell word. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
