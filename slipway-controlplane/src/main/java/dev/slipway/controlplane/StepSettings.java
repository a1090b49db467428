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
   * What {@code slipway up} does: as root, steps run as {@code stepUser} (created as a system user when it
   * is the default name and missing); otherwise as this user.
   */
  public static StepSettings forUp(String stepUser, Set<String> passEnv) {
    if (!StepUser.runningAsRoot()) {
      if (stepUser != null) {
        throw new IllegalArgumentException("--step-user " + stepUser + ": only a slipway up running as root can run"
            + " steps as another user");
      }
      return new StepSettings(null, passEnv);
    }
    String name = stepUser == null ? StepUser.DEFAULT : stepUser;
    return new StepSettings(StepUser.of(name, stepUser == null), passEnv);
  }

  /** The fence around each step (PID namespace or session, and the step user). */
  StepIsolation isolation() {
    return StepIsolation.detect(stepUser);
  }
}
