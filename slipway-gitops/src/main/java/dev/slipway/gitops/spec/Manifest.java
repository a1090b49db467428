package dev.slipway.gitops.spec;

import dev.slipway.support.Problem;
import java.util.List;
import java.util.Objects;

/**
 * A parsed and validated SeldonDeployment with where it came from and what will be ignored.
 *
 * @param deployment the deployment (relative modelUris already resolved)
 * @param source the file (or other source) it was read from
 * @param resolvedJson the manifest as JSON with relative modelUris resolved: what is stored and re-applied
 * @param warnings fields kept but not honoured by the local runtime
 */
public record Manifest(SeldonDeployment deployment, String source, String resolvedJson, List<Problem> warnings) {

    public Manifest {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(resolvedJson, "resolvedJson");
        warnings = List.copyOf(warnings);
    }
}
