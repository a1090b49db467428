package dev.slipway.gitops.target;

import dev.slipway.gitops.env.Environments;

/**
 * A runtime target whose behaviour depends on {@code environments.yaml} (which environment runs where): the sync
 * controller hands it every version it reconciles against, before reconciling.
 */
public interface EnvironmentAware {

    /** The environments of the revision about to be reconciled. */
    void environments(Environments environments);
}
