package dev.slipway.pipeline.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a stage: a process. {@code command} with {@code args} runs as an argument list, without a
 * shell; a {@code command} holding shell syntax and no {@code args} runs with {@code sh -c} (see
 * {@link #usesShell()}).
 *
 * @param name the step's name (unique within its stage)
 * @param command the program, or a shell command line when {@link #usesShell()}
 * @param args the arguments, possibly empty
 * @param dir the working folder relative to the workspace root, or null for the root
 * @param env environment variables for this step
 * @param timeout the longest the step may run, or null for no step limit
 */
public record Step(
        String name, String command, List<String> args, String dir, Map<String, String> env, Duration timeout) {

    /** Characters that make a command a shell command line. */
    private static final String SHELL_SYNTAX = " \t\n|&;<>()$`\\\"'*?[]#~=%{}";

    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** Whether a command string contains shell syntax (spaces, quotes, operators, expansions, globs). */
    public static boolean hasShellSyntax(String command) {
        for (int i = 0; i < command.length(); i++) {
            if (SHELL_SYNTAX.indexOf(command.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** True when the step runs as {@code sh -c COMMAND}: shell syntax in the command and no args. */
    public boolean usesShell() {
        return args.isEmpty() && hasShellSyntax(command);
    }

    /** The argument list the process is started with. */
    public List<String> argv() {
        if (usesShell()) {
            return List.of("sh", "-c", command);
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(command), args.stream())
                .toList();
    }
}
