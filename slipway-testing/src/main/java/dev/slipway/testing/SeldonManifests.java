package dev.slipway.testing;

/** Inline SeldonDeployment manifests for tests: the header every test writes the same way, around its predictors. */
public final class SeldonManifests {

    private SeldonManifests() {}

    /**
     * A {@code machinelearning.seldon.io/v1} SeldonDeployment named {@code name} whose {@code spec.predictors} are
     * {@code predictors}: YAML list items written from column 0 ({@code "- name: p\n  graph: …"}).
     */
    public static String deployment(String name, String predictors) {
        return """
                apiVersion: machinelearning.seldon.io/v1
                kind: SeldonDeployment
                metadata: {name: %s}
                spec:
                  predictors:
                """.formatted(name) + predictors.indent(2);
    }
}
