package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link GitopsArgocd} and {@link Install}: what they print, and their refusals. */
class KubernetesManifestsTest {

    @Test
    void gitopsArgocd_anApplicationPerEnvironment_foldersAndNamespacesFromEnvironmentsYaml(@TempDir Path dir)
            throws Exception {
        final Path repo = InProcessPlanes.gitopsInit(dir.resolve("gitops.git"), "alice");
        final Cli.Run run = Cli.run(
                "gitops",
                "argocd",
                "--env",
                "staging",
                "--env",
                "production",
                "--repo-url",
                "https://git.example/ml/gitops.git",
                "--project",
                "ml",
                "--gitops",
                repo.toString(),
                "-o",
                "json");
        assertThat(run.err()).isEmpty();
        final JsonNode list = new ObjectMapper().readTree(run.out());
        assertThat(list.path("items")).hasSize(2);
        final JsonNode prod = list.path("items").get(1);
        assertThat(prod.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(prod.path("kind").asText()).isEqualTo("Application");
        assertThat(prod.path("metadata").path("name").asText()).isEqualTo("slipway-production");
        assertThat(prod.path("spec").path("project").asText()).isEqualTo("ml");
        assertThat(prod.path("spec").path("source").path("path").asText()).isEqualTo("production");
        assertThat(prod.path("spec").path("source").path("targetRevision").asText())
                .isEqualTo("main");
        assertThat(prod.path("spec").path("destination").path("namespace").asText())
                .isEqualTo("production");
        assertThat(prod.path("spec").path("destination").path("server").asText())
                .isEqualTo("https://kubernetes.default.svc");
        assertThat(prod.path("spec")
                        .path("syncPolicy")
                        .path("automated")
                        .path("selfHeal")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void gitopsArgocd_badInput_namedRefusals() {
        assertThat(Cli.run("gitops", "argocd", "--env", "staging", "--repo-url", "not a url")
                        .err())
                .contains("--repo-url: 'not a url' is not a git URL");
        assertThat(Cli.run(
                                "gitops",
                                "argocd",
                                "--env",
                                "staging",
                                "--repo-url",
                                "https://g.example/r.git",
                                "--cluster",
                                "k8s.local")
                        .err())
                .contains("--cluster: 'k8s.local' is not an API server URL");
    }

    @Test
    void installPrint_slipwayUpWithRbacOnlyInTheEnvironmentNamespaces() throws Exception {
        final Cli.Run run =
                Cli.run("install", "--print", "--namespace", "mlops", "--env-namespace", "models", "-o", "json");
        assertThat(run.err()).isEmpty();
        final JsonNode items = new ObjectMapper().readTree(run.out()).path("items");
        final java.util.List<String> kinds = new java.util.ArrayList<>();
        items.forEach(i -> kinds.add(i.path("kind").asText()));
        assertThat(kinds)
                .containsExactly(
                        "Namespace",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding",
                        "PersistentVolumeClaim",
                        "Deployment",
                        "Service");
        assertThat(items.get(2).path("metadata").path("namespace").asText()).isEqualTo("models");
        assertThat(items.get(3).path("subjects").get(0).path("namespace").asText())
                .isEqualTo("mlops");
        final JsonNode container = items.get(5)
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(container.path("args").toString()).contains("\"up\"").contains("\"/data\"");
        assertThat(items.get(5).path("spec").path("strategy").path("type").asText())
                .isEqualTo("Recreate");
        assertThat(run.out()).doesNotContain("ClusterRole");
        assertThat(Cli.run("install", "--print", "--namespace", "Bad_NS").err())
                .contains("'Bad_NS' is not a namespace");
    }
}
