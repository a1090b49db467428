package dev.slipway.gitops.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.support.Mappers;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Which manifest files of an environment's folder make which application at a revision: a SeldonDeployment's
 * {@code metadata.name} (the file's base name when it cannot be read). Read cheaply (no validation) and cached by
 * blob, for per-application history and rollback.
 */
public final class Applications {

    private static final ObjectMapper YAML = Mappers.yaml();
    private static final ObjectMapper JSON = Mappers.json();

    private final GitOpsRepository repo;
    private final Map<ObjectId, Optional<String>> names = new ConcurrentHashMap<>();

    public Applications(GitOpsRepository repo) {
        this.repo = repo;
    }

    /** Application name → its files (path → blob) in {@code env}'s folder at {@code commit}. */
    public Map<String, Map<String, ObjectId>> at(ObjectId commit, Environment env) {
        final Map<String, Map<String, ObjectId>> out = new TreeMap<>();
        repo.trees().files(commit, env.folder()).forEach((path, blob) -> {
            if (path.matches(".*\\.(ya?ml|json)$")) {
                nameOf(path, blob)
                        .ifPresent(n ->
                                out.computeIfAbsent(n, k -> new TreeMap<>()).put(path, blob));
            }
        });
        return out;
    }

    /** The files of {@code application} at {@code commit} (empty when it has none there). */
    public Map<String, ObjectId> files(ObjectId commit, Environment env, String application) {
        return at(commit, env).getOrDefault(application, Map.of());
    }

    private Optional<String> nameOf(String path, ObjectId blob) {
        return names.computeIfAbsent(blob, b -> {
            final String text = new String(repo.trees().blob(b), java.nio.charset.StandardCharsets.UTF_8);
            final String base = path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.(ya?ml|json)$", "");
            try {
                final JsonNode n = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
                if (n == null || !n.isObject()) {
                    return Optional.of(base);
                }
                if (n.path("kind").isTextual() && !n.path("kind").asText().equals("SeldonDeployment")) {
                    return Optional.empty();
                }
                final String name = n.path("metadata").path("name").asText("");
                return Optional.of(name.isBlank() ? base : name);
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.of(
                        base); // unreadable: still that file's application (its parse error is shown in status)
            }
        });
    }
}
