package dev.slipway.console.view;

import java.util.List;

/**
 * An application of an environment (one deployment), as ArgoCD lists it.
 *
 * @param sync {@code Synced}, {@code OutOfSync}, {@code Unknown}
 * @param health {@code Healthy}, {@code Progressing}, {@code Degraded}, {@code Missing}, {@code Unknown}
 * @param ready replicas ready, e.g. {@code 1/1}
 * @param conditions {@code Type: reason — message} of each condition that is not plainly fine
 */
public record AppRow(
        String environment,
        String namespace,
        String name,
        String file,
        String sync,
        String health,
        String revision,
        String appliedRevision,
        String ready,
        List<String> conditions) {

    public AppRow {
        conditions = List.copyOf(conditions);
    }

    public String shortRevision() {
        return revision.length() > 10 ? revision.substring(0, 10) : revision;
    }
}
