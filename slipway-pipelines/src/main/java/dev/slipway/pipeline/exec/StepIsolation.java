package dev.slipway.pipeline.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a step's process is fenced in without containers, as this machine allows:
 * <ul>
 *   <li>a new PID namespace with its own {@code /proc} ({@code unshare --pid --fork --mount-proc --kill-child}) when this process may make one (root):
 *       every process the step starts stays inside it — also one that calls {@code setsid} and drops the
 *       cookie variable — and the kernel kills them all when the step's first process ends;
 *   <li>else its own session ({@code setsid}): members are found by session, process group, descendants and
 *       the cookie variable ({@link ProcessTree}); a process that starts a new session <em>and</em> drops the
 *       cookie after its parent ended escapes (the documented residual gap);
 *   <li>a separate unprivileged OS user ({@code setpriv --reuid --regid --clear-groups}) when given one (so a
 *       step cannot read the control plane's data folder, which is 0700);
 *   <li>else, when bubblewrap works here, a {@link StepFence}: the data folder and the operator's HOME hidden under
 *       an empty tmpfs, the run's own folder bound back, its own PID namespace and {@code /proc}.
 * </ul>
 *
 * @param pidNamespace whether steps run in their own PID namespace
 * @param setsid whether steps run in their own session
 * @param user the OS user steps run as, or null for this process's user
 * @param fence what the step may see of the file system, or null (all this user can see)
 */
public record StepIsolation(boolean pidNamespace, boolean setsid, StepUser user, StepFence fence) {

    public StepIsolation(boolean pidNamespace, boolean setsid, StepUser user) {
        this(pidNamespace, setsid, user, null);
    }

    /** Nothing: the step runs as given (unit tests, machines without util-linux). */
    public static StepIsolation none() {
        return new StepIsolation(false, false, null);
    }

    /** This isolation with steps fenced in by {@code fence} (null: none). */
    public StepIsolation withFence(StepFence fence) {
        return new StepIsolation(pidNamespace, setsid, user, fence);
    }

    /** What this machine offers: a PID namespace when it works here, else a session; steps run as {@code user} (or null). */
    public static StepIsolation detect(StepUser user) {
        boolean setsid = executable("/usr/bin/setsid") || executable("/bin/setsid");
        boolean pidNs = executable("/usr/bin/unshare")
                && works("unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "true");
        if (user != null && !executable("/usr/bin/setpriv")) {
            throw new IllegalStateException("steps cannot run as " + user.name() + ": setpriv (util-linux) is missing");
        }
        return new StepIsolation(pidNs, setsid, user);
    }

    /** The command line that runs {@code argv} fenced in (without a file-system fence). */
    public List<String> wrap(List<String> argv) {
        return wrap(argv, null, null);
    }

    /** The command line that runs {@code argv} fenced in; {@code runDir} is the run's own folder, {@code cwd} the step's. */
    public List<String> wrap(List<String> argv, Path runDir, Path cwd) {
        List<String> out = new ArrayList<>();
        if (pidNamespace) {
            // its own /proc too: what the step's JVMs read there (ProcessHandle) must match the pids they see
            out.addAll(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "--"));
        } else if (setsid) {
            out.add("setsid");
        }
        if (user != null) {
            out.addAll(List.of(
                    "setpriv",
                    "--reuid=" + user.uid(),
                    "--regid=" + user.gid(),
                    "--clear-groups",
                    "--inh-caps=-all",
                    "--"));
        }
        out.addAll(fence == null || cwd == null ? argv : fence.wrap(argv, runDir, cwd));
        return out;
    }

    private static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    /** Whether {@code cmd} exits 0 within 10 s (its output discarded). */
    static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
