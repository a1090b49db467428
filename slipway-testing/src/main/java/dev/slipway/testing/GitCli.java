package dev.slipway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} command line for tests that host a repository on a control plane and push to it: never
 * prompts, output and exit code returned (not thrown), and the URL of a hosted repository with a token as password.
 */
public final class GitCli {

    /** What a git command said and how it ended. */
    public record Result(int code, String output) {}

    private GitCli() {}

    /** Runs {@code git ARGS} in {@code dir} (stdout and stderr together; at most 2 minutes). */
    public static Result git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_ASKPASS", "/bin/false"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("git " + cmd + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    /** {@code http://USER:TOKEN@127.0.0.1:PORT/git/NAME.git}: a repository hosted by the control plane on {@code port}. */
    public static String hostedUrl(int port, String user, String token, String name) {
        return "http://" + user + ":" + token + "@127.0.0.1:" + port + "/git/" + name + ".git";
    }

    /** A new repository in {@code dir} on branch main with a committer identity (nothing committed). */
    public static Path init(Path dir) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        git(dir, "config", "user.name", "erin");
        git(dir, "config", "user.email", "erin@example.com");
        git(dir, "config", "commit.gpgsign", "false");
        return dir;
    }

    /** A new repository (as {@link #init}) whose one commit on main holds {@code file} with {@code content}. */
    public static Path initWith(Path dir, String file, String content) throws IOException, InterruptedException {
        init(dir);
        java.nio.file.Files.writeString(dir.resolve(file), content);
        for (final List<String> args : List.of(List.of("add", "-A"), List.of("commit", "-q", "-m", "add " + file))) {
            final Result r = git(dir, args.toArray(String[]::new));
            if (r.code() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " in " + dir + ": " + r.output());
            }
        }
        return dir;
    }
}
