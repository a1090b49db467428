package dev.slipway.console.view;

import java.util.List;

/** An environment: where it syncs from, its policy, its last reconcile and its applications. */
public record EnvView(
        String name,
        String namespace,
        String folder,
        String promotion,
        String revision,
        String lastReconcile,
        List<String> conditions,
        List<AppRow> applications) {

    public EnvView {
        conditions = List.copyOf(conditions);
        applications = List.copyOf(applications);
    }

    public String shortRevision() {
        return revision.length() > 10 ? revision.substring(0, 10) : revision;
    }
}
