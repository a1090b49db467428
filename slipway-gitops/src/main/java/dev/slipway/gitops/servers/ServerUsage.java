package dev.slipway.gitops.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.support.Mappers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Who uses a registered server, per environment (from the manifests on main), and the versions it was registered
 * with (from the commits that changed its entry).
 */
public final class ServerUsage {

    /** A deployment node that runs a server: through {@code implementation: NAME}, or by naming its image. */
    public record Use(String environment, String deployment, String node, String file, String via) {}

    /** One registration of the server. */
    public record Version(String image, String commit, Instant time, String author, String action) {}

    /** A server with its history and users. */
    public record Report(RegisteredServer server, List<Version> versions, List<Use> uses) {}

    private static final ObjectMapper YAML = Mappers.yaml();
    private static final ObjectMapper JSON = Mappers.json();

    private final GitOpsRepository repo;

    public ServerUsage(GitOpsRepository repo) {
        this.repo = repo;
    }

    /** Reports of every registered server on main. */
    public List<Report> all() {
        repo.fetch();
        final ObjectId main = repo.main();
        final List<Report> out = new ArrayList<>();
        for (final RegisteredServer s : Servers.read(repo, main).servers()) {
            out.add(report(main, s));
        }
        return out;
    }

    /** The report of {@code name}, if registered on main. */
    public Optional<Report> of(String name) {
        repo.fetch();
        final ObjectId main = repo.main();
        return Servers.read(repo, main).find(name).map(s -> report(main, s));
    }

    private Report report(ObjectId main, RegisteredServer s) {
        final List<Version> versions = new ArrayList<>();
        for (final RevCommit c : repo.trees().firstParentLog(main, 1000)) {
            final CommitMessage m = CommitMessage.parse(c.getFullMessage());
            if (s.name().equals(m.trailer("Server").orElse(null))) {
                versions.add(new Version(
                        m.trailer("Image").orElse(""),
                        c.getName(),
                        Instant.ofEpochSecond(c.getCommitTime()),
                        m.author(),
                        m.action()));
            }
        }
        final List<Use> uses = new ArrayList<>();
        final Optional<byte[]> envFile = repo.trees().read(main, Environments.FILE);
        if (envFile.isPresent()) {
            final Environments envs = Environments.parse(envFile.get(), Environments.FILE);
            final String artifactName = s.image().substring(0, s.image().lastIndexOf(':'));
            for (final Environment env : envs.environments()) {
                repo.trees().files(main, env.folder()).forEach((file, blob) -> {
                    if (file.matches(".*\\.(ya?ml|json)$")) {
                        scan(env.name(), file, repo.trees().blob(blob), s.name(), artifactName, uses);
                    }
                });
            }
        }
        return new Report(s, versions, uses);
    }

    private static void scan(String env, String file, byte[] bytes, String name, String artifactName, List<Use> uses) {
        final JsonNode root;
        try {
            final String text = new String(bytes, StandardCharsets.UTF_8);
            root = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
        } catch (Exception e) {
            return; // the sync controller reports unreadable manifests
        }
        if (root == null || !"SeldonDeployment".equals(root.path("kind").asText())) {
            return;
        }
        final String deployment = root.path("metadata").path("name").asText();
        for (final JsonNode p : root.path("spec").path("predictors")) {
            final java.util.Map<String, String> images = new java.util.LinkedHashMap<>();
            for (final JsonNode c : p.path("componentSpecs")) {
                for (final JsonNode k : c.path("spec").path("containers")) {
                    images.putIfAbsent(k.path("name").asText(), k.path("image").asText(""));
                }
            }
            final java.util.Set<String> viaImplementation = new java.util.HashSet<>();
            nodes(p.path("graph"), env, file, deployment, name, images, viaImplementation, uses);
            images.forEach((container, image) -> {
                if (!viaImplementation.contains(container) && image.startsWith(artifactName + ":")) {
                    uses.add(new Use(env, deployment, container, file, "image " + image));
                }
            });
        }
    }

    /** Nodes with {@code implementation: NAME}, with the image promotion pinned for them (if any). */
    private static void nodes(
            JsonNode node,
            String env,
            String file,
            String deployment,
            String name,
            java.util.Map<String, String> images,
            java.util.Set<String> seen,
            List<Use> uses) {
        if (!node.isObject()) {
            return;
        }
        final String nodeName = node.path("name").asText();
        if (name.equals(node.path("implementation").asText())) {
            final String image = images.getOrDefault(nodeName, "");
            uses.add(new Use(
                    env,
                    deployment,
                    nodeName,
                    file,
                    "implementation " + name + (image.isEmpty() ? "" : " (image " + image + ")")));
            seen.add(nodeName);
        }
        node.path("children").forEach(c -> nodes(c, env, file, deployment, name, images, seen, uses));
    }

    /** The registry on main (for callers that only list). */
    public ServerRegistry registry() {
        repo.fetch();
        return Servers.read(repo, repo.main());
    }
}
