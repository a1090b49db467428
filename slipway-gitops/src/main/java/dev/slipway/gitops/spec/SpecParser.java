package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.Mappers;
import dev.slipway.support.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads SeldonDeployment manifests (YAML or JSON; {@code v1}, {@code v1alpha2}, {@code v1alpha3}) into
 * {@link Manifest}s: read (with size and structure limits) → resolve relative paths against the
 * manifest's folder → map onto records → validate. Every problem names its file and field path.
 */
public final class SpecParser {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final SpecReader reader = new SpecReader();
    private final SpecValidator validator;
    private final ServerRegistry servers;
    private final ImageOverrides images;
    private final boolean strict;
    private final boolean localModels;
    private final ObjectMapper json = Mappers.json();

    public SpecParser(SpecValidator validator) {
        this(validator, ServerRegistry.empty(), ImageOverrides.none(), false, false);
    }

    private SpecParser(
            SpecValidator validator,
            ServerRegistry servers,
            ImageOverrides images,
            boolean strict,
            boolean localModels) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.images = Objects.requireNonNull(images, "images");
        this.strict = strict;
        this.localModels = localModels;
    }

    /**
     * A parser for which unknown fields (not in Seldon's schema: {@code trafic:}, {@code replica:}) are errors rather
     * than warnings ({@code --strict}).
     */
    public SpecParser strict(boolean on) {
        return new SpecParser(validator, servers, images, on, localModels);
    }

    /**
     * A parser that also requires every local {@code modelUri} (a relative path, an absolute path or {@code file:}) to
     * exist, naming the field and the resolved path when it does not: for commands that run or promote the manifests
     * from this machine ({@code deploy}, {@code e2e}, {@code promote}), so a typo fails before any process starts.
     */
    public SpecParser requiringLocalModels() {
        return new SpecParser(validator, servers, images, strict, true);
    }

    /**
     * A parser that first sets container images as {@code overrides} say ({@code --set-image}); the caller checks
     * {@link ImageOverrides#requireAllUsed} once every manifest is parsed.
     */
    public SpecParser withImages(ImageOverrides overrides) {
        return new SpecParser(validator, servers, overrides, strict, localModels);
    }

    /**
     * A parser that also knows the servers of {@code registry}: a node whose {@code implementation} is a registered
     * name becomes a custom node (see {@link ServerExpansion}).
     */
    public SpecParser withServers(ServerRegistry registry) {
        final java.util.Set<String> names = new java.util.HashSet<>();
        registry.servers().forEach(s -> names.add(s.name()));
        return new SpecParser(validator.withImplementations(names), registry, images, strict, localModels);
    }

    /** The image overrides this parser applies. */
    public ImageOverrides images() {
        return images;
    }

    /** The registered servers this parser expands. */
    public ServerRegistry servers() {
        return servers;
    }

    public SpecParser() {
        this(new SpecValidator());
    }

    /** The manifest in {@code file}; relative modelUris resolve against the file's folder. */
    public Manifest parse(Path file) {
        final String source = file.toString();
        final byte[] bytes;
        try {
            if (Files.size(file) > SpecReader.MAX_BYTES) {
                throw new SpecException(Problem.of(
                        source,
                        "",
                        "manifest is " + Files.size(file) + " bytes; the limit is " + SpecReader.MAX_BYTES + " bytes"));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SpecException(Problem.of(source, "", "cannot read: " + e.getMessage()));
        }
        final Path folder = file.toAbsolutePath().normalize().getParent();
        return parse(bytes, source, folder);
    }

    /** The manifest in {@code text}; relative modelUris are errors unless {@code baseDir} is given. */
    public Manifest parse(String text, String source, Path baseDir) {
        return parse(text.getBytes(StandardCharsets.UTF_8), source, baseDir);
    }

    /**
     * Every SeldonDeployment in {@code fileOrDir}: the file itself, or the folder's {@code .yaml},
     * {@code .yml} and {@code .json} files (not recursive, in name order; other kinds are skipped).
     */
    public List<Manifest> parseAll(Path fileOrDir) {
        if (!Files.isDirectory(fileOrDir)) {
            if (!Files.exists(fileOrDir)) {
                throw new SpecException(Problem.of(fileOrDir.toString(), "", "no such file or folder"));
            }
            return List.of(parse(fileOrDir));
        }
        final List<Path> files;
        try (Stream<Path> list = Files.list(fileOrDir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SpecException(Problem.of(fileOrDir.toString(), "", "cannot list: " + e.getMessage()));
        }
        final List<Manifest> manifests = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        for (final Path file : files) {
            try {
                if (isOtherKind(file)) {
                    continue;
                }
                manifests.add(parse(file));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        if (manifests.isEmpty()) {
            throw new SpecException(Problem.of(fileOrDir.toString(), "", "no SeldonDeployment manifest found"));
        }
        return manifests;
    }

    private boolean isOtherKind(Path file) {
        try {
            final JsonNode tree = reader.read(Files.readAllBytes(file), file.toString());
            final JsonNode kind = tree.get("kind");
            return kind != null && kind.isTextual() && !kind.asText().equals(SpecMapper.KIND);
        } catch (IOException | SpecException e) {
            return false;
        }
    }

    /**
     * Where relative paths in a manifest point: the local file or folder for a path as written
     * ({@code ./model}), or an {@link IllegalArgumentException} whose message says why it cannot be used.
     */
    @FunctionalInterface
    public interface RelativePaths {
        Path resolve(String relative);
    }

    /** The manifest in {@code text}; relative modelUris and classpath entries resolve through {@code paths}. */
    public Manifest parseResolving(String text, String source, RelativePaths paths) {
        return parse(text.getBytes(StandardCharsets.UTF_8), source, Objects.requireNonNull(paths, "paths"));
    }

    private Manifest parse(byte[] bytes, String source, Path baseDir) {
        return parse(
                bytes,
                source,
                baseDir == null
                        ? null
                        : (RelativePaths) rel -> baseDir.resolve(rel).normalize());
    }

    private Manifest parse(byte[] bytes, String source, RelativePaths baseDir) {
        final JsonNode tree = reader.read(bytes, source);
        final Fields fields = new Fields(source, strict);
        resolvePaths(tree, baseDir, fields);
        new ServerExpansion(servers).expand(tree);
        images.apply(tree);
        final SeldonDeployment deployment = new SpecMapper(fields).map(tree);
        if (deployment != null && fields.errors().isEmpty()) {
            validator.validate(deployment, fields);
        }
        if (!fields.errors().isEmpty() || deployment == null) {
            throw new SpecException(fields.errors(), fields.warnings());
        }
        final String resolved;
        try {
            resolved = json.writeValueAsString(tree);
        } catch (IOException e) {
            throw new SpecException(Problem.of(source, "", "cannot serialise: " + e.getMessage()));
        }
        return new Manifest(deployment, source, resolved, fields.warnings());
    }

    private void resolvePaths(JsonNode root, RelativePaths baseDir, Fields fields) {
        final JsonNode predictors = root.path("spec").path("predictors");
        if (!predictors.isArray()) {
            return;
        }
        for (int i = 0; i < predictors.size(); i++) {
            final String path = "spec.predictors[" + i + "]";
            final JsonNode graph = predictors.get(i).path("graph");
            if (graph.isObject()) {
                resolveNode((ObjectNode) graph, path + ".graph", baseDir, fields);
            }
            final JsonNode components = predictors.get(i).path("componentSpecs");
            for (int c = 0; components.isArray() && c < components.size(); c++) {
                final JsonNode containers = components.get(c).path("spec").path("containers");
                for (int k = 0; containers.isArray() && k < containers.size(); k++) {
                    resolveContainer(
                            containers.get(k),
                            path + ".componentSpecs[" + c + "].spec.containers[" + k + "]",
                            baseDir,
                            fields);
                }
            }
        }
    }

    private void resolveNode(ObjectNode node, String path, RelativePaths baseDir, Fields fields) {
        final JsonNode uri = node.get("modelUri");
        if (uri != null && uri.isTextual()) {
            final String resolved = resolveUri(uri.asText(), path + ".modelUri", baseDir, fields);
            node.put("modelUri", resolved);
        }
        final JsonNode children = node.get("children");
        for (int i = 0; children != null && children.isArray() && i < children.size(); i++) {
            if (children.get(i).isObject()) {
                resolveNode((ObjectNode) children.get(i), path + ".children[" + i + "]", baseDir, fields);
            }
        }
    }

    private void resolveContainer(JsonNode container, String path, RelativePaths baseDir, Fields fields) {
        final JsonNode env = container.path("env");
        for (int i = 0; env.isArray() && i < env.size(); i++) {
            final JsonNode e = env.get(i);
            if (e.isObject()
                    && Container.MODEL_CLASSPATH_ENV.equals(e.path("name").asText())
                    && e.path("value").isTextual()) {
                ((ObjectNode) e)
                        .put(
                                "value",
                                resolveClasspath(
                                        e.path("value").asText(), path + ".env[" + i + "].value", baseDir, fields));
            }
        }
        final JsonNode args = container.path("args");
        for (int i = 0; args.isArray() && i + 1 < args.size(); i++) {
            if ("--classpath".equals(args.get(i).asText()) && args.get(i + 1).isTextual()) {
                ((ArrayNode) args)
                        .set(
                                i + 1,
                                resolveClasspath(
                                        args.get(i + 1).asText(), path + ".args[" + (i + 1) + "]", baseDir, fields));
            }
        }
    }

    private String resolveClasspath(String classpath, String path, RelativePaths baseDir, Fields fields) {
        final List<String> parts = new ArrayList<>();
        for (final String part : classpath.split(":")) {
            if (part.isEmpty()) {
                continue;
            }
            final Path p = Path.of(part);
            if (p.isAbsolute()) {
                parts.add(part);
            } else if (baseDir == null) {
                fields.error(path, "relative classpath entry '" + part + "' needs the manifest's folder");
                parts.add(part);
            } else {
                try {
                    parts.add(baseDir.resolve(part).toString());
                } catch (IllegalArgumentException e) {
                    fields.error(path, e.getMessage());
                    parts.add(part);
                }
            }
        }
        return String.join(":", parts);
    }

    private String resolveUri(String uri, String path, RelativePaths baseDir, Fields fields) {
        if (uri.isEmpty() || uri.startsWith("/") || (SCHEME.matcher(uri).matches() && !uri.startsWith("file:"))) {
            requireLocal(uri, uri.startsWith("/") ? Path.of(uri) : null, path, fields);
            return uri;
        }
        if (uri.startsWith("file:")) {
            requireLocal(uri, fileUriPath(uri), path, fields);
            return uri;
        }
        if (baseDir == null) {
            fields.error(path, "relative modelUri '" + uri + "' needs the manifest's folder (apply the file itself)");
            return uri;
        }
        try {
            final Path local = baseDir.resolve(uri);
            requireLocal(uri, local, path, fields);
            return local.toUri().toString();
        } catch (IllegalArgumentException e) {
            fields.error(path, e.getMessage());
            return uri;
        }
    }

    /** With {@link #requiringLocalModels}, an error at {@code path} when {@code local} (if any) does not exist. */
    private void requireLocal(String uri, Path local, String path, Fields fields) {
        if (localModels && local != null && !Files.exists(local)) {
            fields.error(
                    path,
                    "modelUri '" + uri + "' does not exist: "
                            + local.toAbsolutePath().normalize());
        }
    }

    /** The path of a {@code file:} URI ({@code file:/a}, {@code file:///a}), or null when it names none. */
    private static Path fileUriPath(String uri) {
        try {
            final java.net.URI u = java.net.URI.create(uri);
            return u.getPath() == null || u.getPath().isEmpty() ? null : Path.of(u.getPath());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
