package dev.slipway.gitops.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.testing.SeldonManifests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ImageOverrides} ({@code --set-image}) alone and through {@link SpecParser#withImages}. */
class ImageOverridesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String MANIFEST = SeldonManifests.deployment("scorer", """
      - name: default
        componentSpecs:
        - spec:
            containers:
            - {name: scorer, image: 'acme/scorer:local'}
            - {name: other, image: 'registry.local:5000/other:1.0'}
            - {name: pinned, image: 'acme/scorer@sha256:0000000000000000000000000000000000000000000000000000000000000000'}
        graph:
          name: scorer
          type: MODEL
          children:
          - {name: other, type: MODEL}
          - {name: pinned, type: MODEL}
      """);

    @Test
    void apply_replacesEveryContainerOfThatNameWhateverItsTagOrDigest() throws Exception {
        final ImageOverrides o = ImageOverrides.parse(List.of("acme/scorer=acme/scorer:3f2a9c1"), "--set-image");
        final JsonNode tree = YAML.readTree(MANIFEST);

        assertThat(o.apply(tree)).isEqualTo(2);

        final JsonNode containers = tree.at("/spec/predictors/0/componentSpecs/0/spec/containers");
        assertThat(containers.get(0).get("image").asText()).isEqualTo("acme/scorer:3f2a9c1");
        assertThat(containers.get(1).get("image").asText()).isEqualTo("registry.local:5000/other:1.0");
        assertThat(containers.get(2).get("image").asText()).isEqualTo("acme/scorer:3f2a9c1");
        o.requireAllUsed("--set-image", "deploy");
    }

    @Test
    void nameOf_stripsTagAndDigestButNotARegistryPort() {
        assertThat(ImageOverrides.nameOf("a/b:1")).isEqualTo("a/b");
        assertThat(ImageOverrides.nameOf("host:5000/b")).isEqualTo("host:5000/b");
        assertThat(ImageOverrides.nameOf("host:5000/b:2@sha256:ab")).isEqualTo("host:5000/b");
        assertThat(ImageOverrides.nameOf("b")).isEqualTo("b");
    }

    @Test
    void bareReference_meansItsOwnName() throws Exception {
        final ImageOverrides o = ImageOverrides.parse(List.of("acme/scorer:2.0.0"), "--set-image");
        final JsonNode tree = YAML.readTree(MANIFEST);
        assertThat(o.apply(tree)).isEqualTo(2);
    }

    @Test
    void unusedOverride_isAnErrorNamingItAndTheManifests() throws Exception {
        final ImageOverrides o =
                ImageOverrides.parse(List.of("acme/scorer=acme/scorer:2", "acme/scorr=acme/scorr:2"), "--set-image");
        o.apply(YAML.readTree(MANIFEST));
        assertThatThrownBy(() -> o.requireAllUsed("--set-image", "deploy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--set-image acme/scorr: no container in deploy has an image of that name");
    }

    @Test
    void malformedValues_areRefusedNamingTheFlagAndValue() {
        assertThatThrownBy(() -> ImageOverrides.parse(List.of("scorer=scorer"), "--set-image"))
                .hasMessageContaining("--set-image scorer=scorer: artifact reference 'scorer' must be NAME:VERSION");
        assertThatThrownBy(() -> ImageOverrides.parse(List.of("scorer=Scorer:1"), "--set-image"))
                .hasMessageContaining("--set-image scorer=Scorer:1: artifact name 'Scorer'");
        assertThatThrownBy(() -> ImageOverrides.parse(List.of("=scorer:1"), "--set-image"))
                .hasMessageContaining("the image name before '=' is empty");
        assertThatThrownBy(() -> ImageOverrides.parse(List.of("s=s:1", "s=s:2"), "--set-image"))
                .hasMessageContaining("image 's' is set twice");
        assertThatThrownBy(() -> ImageOverrides.parse(List.of("s=s:1;rm -rf /"), "--set-image"))
                .hasMessageContaining("--set-image s=s:1;rm -rf /: artifact reference")
                .hasMessageContaining("must be");
        assertThatThrownBy(() -> ImageOverrides.parse(List.of("s=s:1$(id)"), "--set-image"))
                .hasMessageContaining("artifact version '1$(id)'");
    }

    @Test
    void parser_appliesOverridesAfterRegisteredServersAreExpanded() {
        final SpecParser parser = new SpecParser()
                .withServers(ServerRegistry.of(List.of(new RegisteredServer("SCORER", "acme/scorer:1.0.0", null))))
                .withImages(ImageOverrides.parse(List.of("acme/scorer=acme/scorer:1.1.0-rc1"), "--set-image"));
        final Manifest m = parser.parse(SeldonManifests.deployment("s", """
        - name: default
          graph: {name: scorer, type: MODEL, implementation: SCORER, modelUri: ./model}
        """), "s.yaml", Path.of("/repo"));
        assertThat(m.deployment()
                        .predictors()
                        .get(0)
                        .container("scorer")
                        .orElseThrow()
                        .container()
                        .image())
                .isEqualTo("acme/scorer:1.1.0-rc1");
        parser.images().requireAllUsed("--set-image", "s.yaml");
    }

    @Test
    void pin_keepsTheImplementationAndWritesTheRegisteredImageAndClass() throws Exception {
        final JsonNode tree = YAML.readTree(SeldonManifests.deployment("s", """
        - name: default
          graph: {name: scorer, type: MODEL, implementation: SCORER, modelUri: ./model,
                  children: [{name: sk, type: MODEL, implementation: SKLEARN_SERVER, modelUri: ./m2}]}
        """));
        ServerExpansion.pin(
                tree,
                ServerRegistry.of(List.of(new RegisteredServer("SCORER", "acme/scorer:1.0.0", "com.acme.Scorer"))));
        assertThat(tree.at("/spec/predictors/0/graph/implementation").asText()).isEqualTo("SCORER");
        assertThat(tree.at("/spec/predictors/0/graph/children/0/implementation").asText())
                .isEqualTo("SKLEARN_SERVER");
        final JsonNode containers = tree.at("/spec/predictors/0/componentSpecs/0/spec/containers");
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).get("name").asText()).isEqualTo("scorer");
        assertThat(containers.get(0).get("image").asText()).isEqualTo("acme/scorer:1.0.0");
        assertThat(containers.get(0).at("/env/0/value").asText()).isEqualTo("com.acme.Scorer");
    }
}
