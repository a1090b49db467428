package dev.slipway.controlplane.api;

import dev.slipway.api.ApplicationSpec;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.EnvironmentStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * An application's desired spec for {@code GET /api/v1/environments/{env}/applications/{app}/spec}: its manifest
 * read from the GitOps repository at the revision the sync controller last reconciled, parsed as the sync
 * controller parses it (registered servers expanded), and summarised: predictors, the gateway's traffic split,
 * shadows, graph nodes with the replicas the spec asks for. Relative model URIs are shown as written.
 */
final class ApplicationSpecs {

    private final GitOpsRepository repo;

    ApplicationSpecs(GitOpsRepository repo) {
        this.repo = Objects.requireNonNull(repo, "repo");
    }

    ApplicationSpec read(EnvironmentStatus env, String app) {
        final ApplicationStatus status = env.application(app)
                .orElseThrow(() -> ApiException.notFound("no application '" + app + "' in environment " + env.name()));
        final String rev = status.revision().isEmpty() ? env.revision() : status.revision();
        final ObjectId revision = repo.resolve(rev.isEmpty() ? "main" : rev)
                .orElseThrow(() -> ApiException.notFound(
                        "revision '" + rev + "' of environment " + env.name() + " is not in the GitOps repository"));
        final byte[] bytes = repo.trees()
                .read(revision, status.file())
                .orElseThrow(() -> ApiException.notFound(status.file() + " is not in the GitOps repository at "
                        + revision.abbreviate(7).name()));
        final Map<String, String> written = new HashMap<>();
        final Manifest manifest;
        try {
            manifest = new SpecParser()
                    .withServers(Servers.read(repo, revision))
                    .parseResolving(
                            new String(bytes, StandardCharsets.UTF_8),
                            status.file() + "@" + revision.abbreviate(7).name(),
                            rel -> {
                                final Path shown = Path.of("/written", Integer.toString(written.size()));
                                written.put(shown.toUri().toString(), rel);
                                return shown;
                            });
        } catch (SpecException e) {
            throw new ApiException(409, "the manifest cannot be read: " + e.getMessage());
        }
        final SeldonDeployment d = manifest.deployment();
        final long answering = d.predictors().stream().filter(p -> !p.shadow()).count();
        final List<ApplicationSpec.Predictor> predictors = d.predictors().stream()
                .map(p -> new ApplicationSpec.Predictor(
                        p.name(),
                        p.shadow() ? 0 : answering == 1 ? 100 : p.traffic(),
                        p.shadow(),
                        node(d, p, p.graph(), written)))
                .toList();
        return new ApplicationSpec(
                env.name(),
                d.name(),
                status.namespace(),
                status.file(),
                revision.name(),
                d.apiVersion(),
                d.spec().protocol() == null ? "seldon" : d.spec().protocol(),
                predictors);
    }

    private static ApplicationSpec.Node node(
            SeldonDeployment d, PredictorSpec p, GraphNode n, Map<String, String> written) {
        final String uri = n.modelUri() == null ? "" : written.getOrDefault(n.modelUri(), n.modelUri());
        final String image =
                p.container(n.name()).map(l -> l.container().image()).orElse(null);
        return new ApplicationSpec.Node(
                n.name(),
                n.effectiveType().name(),
                n.implementation() == null ? "" : n.implementation(),
                image == null ? "" : image,
                uri,
                d.replicas(p, n.name()),
                n.children().stream().map(c -> node(d, p, c, written)).toList());
    }
}
