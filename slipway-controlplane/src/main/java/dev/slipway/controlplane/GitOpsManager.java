package dev.slipway.controlplane;

import dev.slipway.controlplane.deploy.Deployments;
import dev.slipway.gitops.sync.SyncController;
import java.util.Optional;

/**
 * The sync controller as the manager of the deployments its environments hold: {@code slipway deploy|delete} of one
 * is refused unless forced, naming the environment, its folder and the GitOps repository; a forced change nudges
 * the controller, which shows it OutOfSync until self-heal puts the repository's version back.
 */
final class GitOpsManager implements Deployments.Manager {

    private final SyncController sync;

    GitOpsManager(SyncController sync) {
        this.sync = sync;
    }

    @Override
    public Optional<String> manages(String namespace, String name) {
        return sync.managing(namespace, name)
                .map(env -> "deployment " + name + " in namespace " + namespace
                        + " is managed by GitOps: environment '" + env.name() + "' (folder " + env.folder()
                        + "/) of the GitOps "
                        + "repository " + sync.repository().location()
                        + "; change it there (slipway promote, slipway env rollback),"
                        + " or pass --force (it shows OutOfSync and self-heal puts it back)");
    }

    @Override
    public void changedByHand(String namespace, String name) {
        if (sync.managing(namespace, name).isPresent()) {
            sync.refresh();
        }
    }
}
