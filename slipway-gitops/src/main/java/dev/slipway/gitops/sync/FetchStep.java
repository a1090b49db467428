package dev.slipway.gitops.sync;

import dev.slipway.gitops.repo.GitOpsRepository;

/**
 * Fetch: the manifest files of the environment's folder at the revision being reconciled. A failure here stops the
 * pass (generic {@code FetchFailed}): nothing is applied or pruned from a partial view.
 */
record FetchStep(GitOpsRepository repo) implements SubReconciler {

    @Override
    public void reconcile(ReconcileContext ctx) {
        if (ctx.revision == null) {
            return;
        }
        repo.trees().files(ctx.revision, ctx.env.folder()).forEach((path, blob) -> {
            if (path.matches(".*\\.(ya?ml|json)$")) {
                ctx.files.put(path, blob);
            }
        });
        ctx.folderTree = repo.trees()
                .entry(ctx.revision, ctx.env.folder())
                .map(e -> e.id().name())
                .orElse("");
    }
}
