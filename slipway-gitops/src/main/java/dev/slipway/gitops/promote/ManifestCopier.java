package dev.slipway.gitops.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.gitops.spec.Container;
import dev.slipway.gitops.spec.ImageOverrides;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.ServerExpansion;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a model repository's manifests into edits of an environment folder: each SeldonDeployment is validated,
 * placed in the environment's namespace, and every repository-relative {@code modelUri} (and custom-server
 * classpath entry) is pinned to a content-addressed copy under {@code artifacts/<sha256>/} in the GitOps
 * repository, referenced relative to the manifest, so environments never read a pipeline's workspace.
 */
final class ManifestCopier {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestCopier.class);

    /** The folder of pinned model files at the repository root. */
    static final String ARTIFACTS = "artifacts";

    /** The most bytes of model files one promotion may copy. */
    static final long MAX_ARTIFACT_BYTES = 1024L * 1024 * 1024;

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final ObjectMapper YAML = Mappers.yaml();
    private static final ObjectMapper JSON = Mappers.json();

    /** The edits for one promotion and what they change. */
    record Prepared(List<TreeEdit> edits, Map<String, String> deploymentFiles) {}

    private final SpecParser parser;
    private final GitOpsRepository repo;

    ManifestCopier(SpecParser parser, GitOpsRepository repo) {
        this.parser = parser;
        this.repo = repo;
    }

    /** The manifests of {@code sources} (files or folders) as edits of {@code env}'s folder at {@code base}. */
    Prepared prepare(List<Path> sources, Environment env, ObjectId base) {
        return prepare(sources, env, base, ImageOverrides.none());
    }

    /**
     * As above, with registered servers pinned ({@link ServerExpansion#pin}) and then {@code images} applied to every
     * manifest written (and validated as written).
     */
    Prepared prepare(List<Path> sources, Environment env, ObjectId base, ImageOverrides images) {
        final List<Path> files = new ArrayList<>();
        for (final Path s : sources) {
            // before anything reads them: a linked manifest's target must not reach a parser's error message
            final Path root = repositoryRoot(
                    (Files.isDirectory(s) ? s : s.toAbsolutePath().getParent())
                            .toAbsolutePath()
                            .normalize());
            if (Files.isDirectory(s)) {
                try (Stream<Path> walk = Files.walk(s)) {
                    walk.filter(Files::isSymbolicLink).forEach(f -> refuseOutside(f, root, s.toString(), "--from"));
                } catch (IOException e) {
                    throw new PromotionException(
                            PromotionException.Kind.INVALID, s + ": cannot list: " + e.getMessage());
                }
            } else if (Files.exists(s)) {
                refuseOutside(s, root, s.toString(), "--from");
            }
            for (final Manifest m : parser.withImages(images).parseAll(s)) {
                files.add(Path.of(m.source()));
            }
        }
        final Map<String, String> existing = existingFiles(env, base);
        final List<TreeEdit> edits = new ArrayList<>();
        final Map<String, String> deploymentFiles = new LinkedHashMap<>();
        final Map<String, Boolean> pinned = new LinkedHashMap<>();
        for (final Path file : files) {
            refuseOutside(
                    file, repositoryRoot(file.toAbsolutePath().normalize().getParent()), file.toString(), "manifest");
            final boolean json = file.getFileName().toString().endsWith(".json");
            final ObjectNode tree;
            try {
                tree = (ObjectNode) (json ? JSON : YAML).readTree(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PromotionException(
                        PromotionException.Kind.INVALID, file + ": cannot read: " + e.getMessage());
            }
            final String name = tree.path("metadata").path("name").asText();
            if (deploymentFiles.containsKey(name)) {
                throw new PromotionException(
                        PromotionException.Kind.INVALID,
                        file + ": metadata.name: deployment '" + name + "' is defined twice in what is promoted");
            }
            ((ObjectNode) tree.path("metadata")).put("namespace", env.namespace());
            ServerExpansion.pin(tree, parser.servers());
            images.apply(tree);
            final Path baseDir = file.toAbsolutePath().normalize().getParent();
            final String up = "../".repeat(env.folder().split("/").length);
            pinUris(tree, baseDir, up, edits, pinned, file.toString());
            final String target = existing.getOrDefault(name, env.prefix() + name + (json ? ".json" : ".yaml"));
            final byte[] bytes;
            try {
                bytes = target.endsWith(".json")
                        ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree)
                        : YAML.writeValueAsBytes(tree);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            edits.add(new TreeEdit.Put(target, target.endsWith(".json") ? append(bytes, "\n") : bytes));
            deploymentFiles.put(name, target);
        }
        return new Prepared(edits, deploymentFiles);
    }

    private static byte[] append(byte[] bytes, String suffix) {
        final byte[] s = suffix.getBytes(StandardCharsets.UTF_8);
        final byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + s.length);
        System.arraycopy(s, 0, out, bytes.length, s.length);
        return out;
    }

    /** Deployment name → file already defining it in the environment's folder. */
    private Map<String, String> existingFiles(Environment env, ObjectId base) {
        final Map<String, String> byName = new LinkedHashMap<>();
        repo.trees().files(base, env.folder()).forEach((path, blob) -> {
            if (!path.matches(".*\\.(ya?ml|json)$")) {
                return;
            }
            try {
                final String text = new String(repo.trees().blob(blob), StandardCharsets.UTF_8);
                final JsonNode n = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
                if (n != null && "SeldonDeployment".equals(n.path("kind").asText())) {
                    byName.putIfAbsent(n.path("metadata").path("name").asText(), path);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable file is the sync controller's to report; promotion writes its own file
                LOG.debug("an unreadable file is the sync controller's to report; promotion writes its own file", e);
            }
        });
        return byName;
    }

    private void pinUris(
            ObjectNode tree,
            Path baseDir,
            String up,
            List<TreeEdit> edits,
            Map<String, Boolean> pinned,
            String source) {
        final JsonNode predictors = tree.path("spec").path("predictors");
        for (int i = 0; predictors.isArray() && i < predictors.size(); i++) {
            final String path = "spec.predictors[" + i + "]";
            pinNode(predictors.get(i).path("graph"), path + ".graph", baseDir, up, edits, pinned, source);
            final JsonNode components = predictors.get(i).path("componentSpecs");
            for (int c = 0; components.isArray() && c < components.size(); c++) {
                final JsonNode containers = components.get(c).path("spec").path("containers");
                for (int k = 0; containers.isArray() && k < containers.size(); k++) {
                    final JsonNode env = containers.get(k).path("env");
                    for (int e = 0; env.isArray() && e < env.size(); e++) {
                        final JsonNode var = env.get(e);
                        if (Container.MODEL_CLASSPATH_ENV.equals(
                                        var.path("name").asText())
                                && var.path("value").isTextual()) {
                            final List<String> parts = new ArrayList<>();
                            for (final String part : var.path("value").asText().split(":")) {
                                parts.add(
                                        part.isEmpty() || part.startsWith("/")
                                                ? part
                                                : pin(
                                                        part,
                                                        baseDir,
                                                        up,
                                                        edits,
                                                        pinned,
                                                        source,
                                                        path + ".componentSpecs[" + c + "].spec.containers[" + k
                                                                + "].env[" + e + "].value"));
                            }
                            ((ObjectNode) var).put("value", String.join(":", parts));
                        }
                    }
                }
            }
        }
    }

    private void pinNode(
            JsonNode node,
            String path,
            Path baseDir,
            String up,
            List<TreeEdit> edits,
            Map<String, Boolean> pinned,
            String source) {
        if (!node.isObject()) {
            return;
        }
        final JsonNode uri = node.get("modelUri");
        if (uri != null
                && uri.isTextual()
                && !uri.asText().isEmpty()
                && !SCHEME.matcher(uri.asText()).matches()
                && !uri.asText().startsWith("/")) {
            ((ObjectNode) node)
                    .set(
                            "modelUri",
                            TextNode.valueOf(
                                    pin(uri.asText(), baseDir, up, edits, pinned, source, path + ".modelUri")));
        }
        final JsonNode children = node.path("children");
        for (int i = 0; children.isArray() && i < children.size(); i++) {
            pinNode(children.get(i), path + ".children[" + i + "]", baseDir, up, edits, pinned, source);
        }
    }

    /** Copies {@code relative} (a folder or file) to {@code artifacts/<sha256>/} and returns the new relative path. */
    private String pin(
            String relative,
            Path baseDir,
            String up,
            List<TreeEdit> edits,
            Map<String, Boolean> pinned,
            String source,
            String field) {
        final Path local = baseDir.resolve(relative).normalize();
        if (!Files.exists(local)) {
            throw new PromotionException(
                    PromotionException.Kind.INVALID,
                    source + ": " + field + ": '" + relative + "' does not exist (" + local + ")");
        }
        final Map<String, byte[]> files = new java.util.TreeMap<>();
        final Path root = repositoryRoot(baseDir);
        try {
            refuseOutside(local, root, source, field);
            if (Files.isDirectory(local)) {
                try (Stream<Path> walk = Files.walk(local)) {
                    for (final Path f :
                            walk.filter(Files::isRegularFile).sorted().toList()) {
                        refuseOutside(f, root, source, field);
                        files.put(local.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            } else {
                files.put(local.getFileName().toString(), Files.readAllBytes(local));
            }
        } catch (IOException e) {
            throw new PromotionException(
                    PromotionException.Kind.INVALID,
                    source + ": " + field + ": cannot read '" + relative + "': " + e.getMessage());
        }
        final long total = files.values().stream().mapToLong(b -> b.length).sum();
        if (total > MAX_ARTIFACT_BYTES) {
            throw new PromotionException(
                    PromotionException.Kind.INVALID,
                    source + ": " + field + ": '" + relative
                            + "' holds " + total + " bytes; models over " + MAX_ARTIFACT_BYTES
                            + " bytes belong in object storage"
                            + " (s3://, gs://)");
        }
        final String sha = sha256(files);
        final String folder = ARTIFACTS + "/" + sha;
        if (pinned.putIfAbsent(folder, Boolean.TRUE) == null) {
            files.forEach((name, bytes) -> edits.add(new TreeEdit.Put(folder + "/" + name, bytes)));
        }
        return up + folder + (Files.isDirectory(local) ? "" : "/" + local.getFileName());
    }

    /**
     * The model repository a manifest folder belongs to: the nearest folder up that holds {@code .git}, else the
     * folder itself. Promoted files must resolve inside it.
     */
    static Path repositoryRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return dir;
    }

    /**
     * Refuses a file that is a link (or lies under a linked folder) resolving outside {@code root}: a
     * repository must not promote a link to the control plane's tokens, {@code /etc/passwd} or another
     * repository. The message names the path, never what it points at or holds.
     */
    static void refuseOutside(Path file, Path root, String source, String field) {
        try {
            final Path normalized = file.toAbsolutePath().normalize();
            final Path realRoot = root.toRealPath();
            final Path real = file.toRealPath();
            // no link on the way: the path resolves to itself (a plain ../ path is the manifest's own business)
            final boolean linked = !real.equals(
                    realRoot.resolve(root.toAbsolutePath().normalize().relativize(normalized))
                            .normalize());
            if (linked && !real.startsWith(realRoot)) {
                throw new PromotionException(
                        PromotionException.Kind.INVALID,
                        source + ": " + field + ": '"
                                + root.toAbsolutePath().normalize().relativize(normalized)
                                + "' is a link that resolves outside the"
                                + " repository: refused");
            }
        } catch (IOException e) {
            throw new PromotionException(
                    PromotionException.Kind.INVALID,
                    source + ": " + field + ": cannot resolve '" + file.getFileName() + "': "
                            + e.getClass().getSimpleName());
        }
    }

    /** The digest of a set of files: each relative path, its length and its bytes, in path order. */
    static String sha256(Map<String, byte[]> files) {
        try {
            final MessageDigest d = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                d.update(name.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(bytes);
            });
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
