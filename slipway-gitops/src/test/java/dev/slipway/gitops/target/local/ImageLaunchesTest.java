package dev.slipway.gitops.target.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ArtifactStore;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.testing.RecordingListener;
import dev.slipway.testing.SeldonManifests;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageLaunches} and image resolution in {@link LocalRuntime}. */
class ImageLaunchesTest {

    @TempDir
    Path tmp;

    private ImageResolver resolver;

    @BeforeEach
    void publish() throws Exception {
        final Path jar = tmp.resolve("in/scorer.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("com/acme/Scorer.class"));
            zip.write(new byte[] {1});
            zip.closeEntry();
        }
        final Path archive = tmp.resolve("scorer.tar");
        new ServerImageBuilder()
                .build(
                        new ServerImageBuilder.Request(
                                ArtifactRef.parse("scorer:1"), List.of(jar), "com.acme.Scorer", null),
                        archive);
        final ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
        store.publish(ArtifactRef.parse("scorer:1"), archive);
        resolver = new ImageResolver(store, tmp.resolve("cache"), null);
    }

    private static NodePlan plan(String image, String cls) {
        return new NodePlan(
                "p", "scorer", 1, new LaunchSpec("scorer", null, "file:///m", List.of(), cls, null, Map.of(), image));
    }

    @Test
    void resolve_publishedImage_classFromLabelAndJarsAsClasspath() {
        final LaunchSpec launch = new ImageLaunches(resolver)
                .resolve(List.of(plan("scorer:1", null)))
                .get(0)
                .launch();
        assertThat(launch.modelClass()).isEqualTo("com.acme.Scorer");
        assertThat(launch.classpath()).endsWith("/app/lib/scorer.jar");
        assertThat(launch.image()).isNull();
        assertThat(launch.revision())
                .isNotEqualTo(plan("scorer:1", null).launch().revision());
    }

    @Test
    void resolve_unknownImage_failsNamingNodeAndReference() {
        assertThatThrownBy(() -> new ImageLaunches(resolver).resolve(List.of(plan("scorer:2", null))))
                .isInstanceOf(ImageLaunches.ImageFailure.class)
                .hasMessageContaining("node 'scorer' of predictor 'p': image 'scorer:2'")
                .hasMessageContaining("is not in the artifact store");
    }

    @Test
    void resolve_classGivenAndImageUnknown_failsToo() {
        assertThatThrownBy(() -> new ImageLaunches(resolver).resolve(List.of(plan("acme/other:1", "com.acme.X"))))
                .hasMessageContaining("image 'acme/other:1' is not in the artifact store");
    }

    @Test
    void resolve_classGivenAndImagePublished_keepsTheClassWithTheImageJars() {
        final LaunchSpec launch = new ImageLaunches(resolver)
                .resolve(List.of(plan("scorer:1", "com.acme.Other")))
                .get(0)
                .launch();
        assertThat(launch.modelClass()).isEqualTo("com.acme.Other");
        assertThat(launch.classpath()).endsWith("scorer.jar");
    }

    @Test
    void apply_unknownImage_stalledWithMessageAndNothingStarted() throws Exception {
        final ServerCommand never = (spec, host) -> {
            throw new AssertionError("nothing may start");
        };
        try (LocalRuntime runtime = new LocalRuntime(
                LocalRuntimeConfig.defaults(tmp.resolve("data"), never).withImages(resolver),
                new RecordingListener())) {
            final Manifest m = new SpecParser().parse(SeldonManifests.deployment("scorer", """
          - name: p
            componentSpecs: [{spec: {containers: [{name: scorer, image: "scorer:9"}]}}]
            graph: {name: scorer, type: MODEL}
          """), "s.yaml", null);
            assertThatThrownBy(() -> runtime.apply(m, "default").get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .hasMessageContaining("image 'scorer:9'");
            final DeploymentStatus status = runtime.status("default", "scorer").orElseThrow();
            assertThat(status.replicas()).isEmpty();
            assertThat(status.conditions()).anySatisfy(c -> {
                assertThat(c.type()).isEqualTo(ConditionType.STALLED);
                assertThat(c.status()).isEqualTo(Condition.Status.TRUE);
                assertThat(c.message()).contains("image 'scorer:9' is not in the artifact store");
            });
        }
    }

    @Test
    void plan_imageThatIsNoReferenceAndNoClass_refusedNamingIt() {
        final Manifest m = new SpecParser().parse(SeldonManifests.deployment("scorer", """
        - name: p
          componentSpecs: [{spec: {containers: [{name: scorer, image: "Acme/Scorer"}]}}]
          graph: {name: scorer, type: MODEL}
        """), "s.yaml", null);
        assertThatThrownBy(() -> LocalRuntime.checkManifest(m))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(
                        "container 'scorer': image 'Acme/Scorer' is not an artifact reference NAME:VERSION");
    }
}
