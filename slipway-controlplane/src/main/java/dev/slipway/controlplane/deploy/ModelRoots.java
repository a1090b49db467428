package dev.slipway.controlplane.deploy;

import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.support.RealPaths;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a deployment applied through an authenticated API may load a local model from ({@code file:} URIs and plain
 * paths): the control plane's own folders (the GitOps mirror, the artifact store and caches) and the roots the operator
 * adds. A caller with a token must not make the control plane read — and echo in an error — any file it can read.
 * The refusal names the URI, never what is there (or whether it exists). Paths are compared with links resolved
 * ({@link RealPaths}), as the model server's own check does: a link inside a root that points out of it is outside.
 */
public final class ModelRoots {

    private final List<Path> roots;

    /** @param roots the allowed folders; empty means any path (a control plane without {@code --auth}) */
    public ModelRoots(List<Path> roots) {
        this.roots = roots.stream().map(RealPaths::of).toList();
    }

    /** Any local path may be loaded. */
    public static ModelRoots any() {
        return new ModelRoots(List.of());
    }

    /**
     * @throws IllegalArgumentException naming the field and the URI when a node's local modelUri is outside the roots
     */
    void check(Manifest manifest) {
        if (roots.isEmpty()) {
            return;
        }
        final List<PredictorSpec> predictors = manifest.deployment().predictors();
        for (int i = 0; i < predictors.size(); i++) {
            for (final GraphNode node : predictors.get(i).graph().flatten()) {
                final String uri = node.modelUri();
                final Path local = local(uri);
                if (local != null && roots.stream().noneMatch(RealPaths.of(local)::startsWith)) {
                    throw new IllegalArgumentException(
                            "spec.predictors[" + i + "] node '" + node.name() + "': modelUri '" + uri
                                    + "' is a local path outside what this control plane serves models from (its GitOps repository, artifact"
                                    + " store and caches; more with SLIPWAY_MODEL_ROOTS): publish the model (s3://, an artifact) or promote it");
                }
            }
        }
    }

    private static Path local(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        final String u = uri.trim();
        try {
            if (u.startsWith("file:")) {
                return Path.of(URI.create(u.startsWith("file://") ? u : "file://" + u.substring(5)))
                        .toAbsolutePath()
                        .normalize();
            }
            if (u.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
                return null; // s3://, gs://, http(s)://: fetched, not read from this disk
            }
            return Path.of(u).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("modelUri '" + uri + "' is not a valid URI or path");
        }
    }
}
