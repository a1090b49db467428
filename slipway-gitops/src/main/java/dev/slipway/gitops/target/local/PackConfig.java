package dev.slipway.gitops.target.local;

/**
 * Many models per process (docs/serving.md, "Packed replicas"): replicas of built-in runtimes hosted together in a
 * bounded group of shared {@code slipway serve --packed} processes instead of a process each.
 *
 * @param all pack every eligible deployment ({@code slipway up --pack-models}); otherwise only deployments annotated
 *     {@value #ANNOTATION}{@code : "true"}
 * @param processes how many shared server processes at most (models are spread over them)
 */
public record PackConfig(boolean all, int processes) {

    /**
     * The SeldonDeployment annotation (metadata or spec) that packs a deployment's eligible nodes ({@code "true"}) or
     * keeps them in their own processes ({@code "false"}) whatever {@code --pack-models} says.
     */
    public static final String ANNOTATION = "slipway.dev/pack-models";

    /** The default number of shared processes: two, so that one crashing host leaves the other half serving. */
    public static final int DEFAULT_PROCESSES = 2;

    public PackConfig {
        if (processes < 1) {
            throw new IllegalArgumentException("--pack-processes " + processes + ": at least 1");
        }
    }

    /** Packing only where a deployment asks for it, over the default number of processes. */
    public static PackConfig onRequest() {
        return new PackConfig(false, DEFAULT_PROCESSES);
    }
}
