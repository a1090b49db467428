package dev.slipway.controlplane;

import dev.slipway.pipeline.exec.StepIsolation;
import dev.slipway.pipeline.exec.StepUser;
import java.util.Set;

/**
 * How {@code slipway up} runs pipeline steps: the OS user they run as (null: this process's), and which
 * more variables of its environment they get besides the allow-listed ones ({@code --pass-env}).
 *
 * @param stepUser the unprivileged user steps run as, or null
 * @param passEnv extra variable names steps get from this process's environment
 */
public record StepSettings(StepUser stepUser, Set<String> passEnv) {

  public StepSettings {
    passEnv = Set.copyOf(passEnv);
  }

  /** Steps as this process's user, allow-listed environment only. */
  public static StepSettings sameUser() {
    return new StepSettings(null, Set.of());
  }

  /**
   * What {@code slipway up} does: running as root, steps run as {@code stepUser}, by default
   * {@value StepUser#DEFAULT} (created as a system user when missing); not as root, as this user ({@code stepUser}
   * is then refused: only root can start processes as another user).
   */
  public static StepSettings forUp(String stepUser, Set<String> passEnv) {
    if (stepUser == null) {
      return StepUser.runningAsRoot() ? new StepSettings(StepUser.of(StepUser.DEFAULT, true), passEnv)
          : new StepSettings(null, passEnv);
    }
    if (!StepUser.runningAsRoot()) {
      throw new IllegalArgumentException("--step-user " + stepUser + ": only a slipway up running as root can run"
          + " steps as another user");
    }
    return new StepSettings(StepUser.of(stepUser, stepUser.equals(StepUser.DEFAULT)), passEnv);
  }

  /** The fence around each step (PID namespace or session, and the step user). */
  StepIsolation isolation() {
    return StepIsolation.detect(stepUser);
  }
}
