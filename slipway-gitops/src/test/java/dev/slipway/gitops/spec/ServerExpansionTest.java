package dev.slipway.gitops.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.SeldonManifests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ServerExpansion} through {@link SpecParser#withServers}. */
class ServerExpansionTest {

    private final SpecParser parser = new SpecParser()
            .withServers(ServerRegistry.of(List.of(new RegisteredServer(
                    "IMAGE_CLASSIFIER", "image-classifier:1.0.0", "com.example.ImageClassifier"))));

    @Test
    void registeredImplementation_becomesContainerWithImageAndClass() {
        final Manifest m = parser.parse(SeldonManifests.deployment("digits", """
        - name: default
          graph: {name: classifier, type: MODEL, implementation: IMAGE_CLASSIFIER, modelUri: ./model}
        """), "digits.yaml", Path.of("/repo"));
        final GraphNode node = m.deployment().predictors().get(0).graph();
        assertThat(node.implementation()).isNull();
        assertThat(node.modelUri()).isEqualTo("file:///repo/model");
        final Container c = classifier(m);
        assertThat(c.image()).isEqualTo("image-classifier:1.0.0");
        assertThat(c.modelClass()).contains("com.example.ImageClassifier");
    }

    @Test
    void containerOverridesImageAndKeepsOtherSettings() {
        final Manifest m = parser.parse(SeldonManifests.deployment("digits", """
        - name: default
          replicas: 2
          componentSpecs:
          - spec:
              containers:
              - name: classifier
                image: image-classifier:0.9.0
                env: [{name: LOG, value: debug}]
          graph: {name: classifier, type: MODEL, implementation: IMAGE_CLASSIFIER, modelUri: ./model}
        """), "digits.yaml", Path.of("/repo"));
        final Container c = classifier(m);
        assertThat(c.image()).isEqualTo("image-classifier:0.9.0");
        assertThat(c.env())
                .containsEntry("LOG", "debug")
                .containsEntry("SLIPWAY_MODEL_CLASS", "com.example.ImageClassifier");
    }

    /** The container of the first predictor's {@code classifier} node. */
    private static Container classifier(Manifest m) {
        return m.deployment()
                .predictors()
                .get(0)
                .container("classifier")
                .orElseThrow()
                .container();
    }
}
