package dev.slipway.controlplane;

import dev.slipway.pipeline.exec.StepFence;
import dev.slipway.pipeline.exec.StepIsolation;
import dev.slipway.pipeline.exec.StepUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code slipway up} runs pipeline steps: the OS user they run as (null: this process's), and which
 * more variables of its environment they get besides the allow-listed ones ({@code --pass-env}).
 *
 * @param stepUser the unprivileged user steps run as, or null
 * @param passEnv extra variable names steps get from this process's environment
 * @param fence whether steps that run as this process's user are fenced in ({@link StepFence}: the data folder and
 *     HOME hidden) where this machine can
 */
public record StepSettings(StepUser stepUser, Set<String> passEnv, boolean fence) {

    public StepSettings {
        passEnv = Set.copyOf(passEnv);
    }

    public StepSettings(StepUser stepUser, Set<String> passEnv) {
        this(stepUser, passEnv, stepUser == null);
    }

    /** Steps as this process's user, allow-listed environment only, not fenced in (an embedded control plane). */
    public static StepSettings sameUser() {
        return new StepSettings(null, Set.of(), false);
    }

    /**
     * What {@code slipway up} does: running as root, steps run as {@code stepUser}, by default
     * {@value StepUser#DEFAULT} (created as a system user when missing); not as root, as this user ({@code stepUser}
     * is then refused: only root can start processes as another user).
     */
    public static StepSettings forUp(String stepUser, Set<String> passEnv) {
        if (stepUser == null) {
            return StepUser.runningAsRoot()
                    ? new StepSettings(StepUser.of(StepUser.DEFAULT, true), passEnv)
                    : new StepSettings(null, passEnv);
        }
        if (!StepUser.runningAsRoot()) {
            throw new IllegalArgumentException("--step-user " + stepUser + ": only a slipway up running as root can run"
                    + " steps as another user");
        }
        return new StepSettings(StepUser.of(stepUser, stepUser.equals(StepUser.DEFAULT)), passEnv);
    }

    /** What is risky about how steps will run (printed at start): steps as this user with no fence to hide the data. */
    public List<String> warnings() {
        if (stepUser != null || !fence || StepFence.detect(List.of(), List.of(), List.of()) != null) {
            return List.of();
        }
        return List.of("pipeline steps run as your own OS user and cannot be fenced in ("
                + StepFence.unavailableReason()
                + "): a step can read this data folder (API tokens, credentials, GitOps mirrors, other runs) and your HOME;"
                + " install bubblewrap, or run slipway up as root (steps then run as " + StepUser.DEFAULT + ")");
    }

    /**
     * The fence around each step (PID namespace or session, and the step user; as this process's user, the data
     * folder and HOME hidden when {@link #fence} and the machine allows).
     */
    StepIsolation isolation(Path data, Map<String, String> env, Path launcherDir) {
        StepIsolation isolation = StepIsolation.detect(stepUser);
        return stepUser == null && fence
                ? isolation.withFence(StepFence.forOperator(data, env, launcherDir))
                : isolation;
    }
}
