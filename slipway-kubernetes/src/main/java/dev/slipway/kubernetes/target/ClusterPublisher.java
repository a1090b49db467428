package dev.slipway.kubernetes.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.artifact.Artifact;
import dev.slipway.artifact.ArtifactException;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.artifact.ResolvedImage;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.gitops.env.ClusterTarget;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.storage.S3Storage;
import dev.slipway.storage.StorageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Publishes what a promoted manifest pins so the cluster can reach it. A {@code modelUri} that is a path on this
 * machine (the GitOps repository's {@code artifacts/<sha256>/} copy, exported by the sync controller) is uploaded to
 * the environment's {@code artifacts} store under {@code artifacts/<sha256 of its content>/} and the manifest points
 * there; an image that names an artifact of Slipway's store ({@code NAME:VERSION}, a custom server) is pushed to the
 * environment's {@code registry}, built on the environment's server image, and referenced by digest. Each upload and
 * push is remembered, so an unchanged manifest publishes nothing again.
 */
public final class ClusterPublisher implements ManifestPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterTarget cluster;
    private final ImageResolver images;
    private final String serverImage;
    private final Map<String, String> env;
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final SpecParser parser = new SpecParser();

    /**
     * @param cluster the environment's settings (its {@code artifacts} and {@code registry})
     * @param images the artifact store's resolver, or null when there is none
     * @param serverImage the base of pushed custom-server images
     * @param env where S3 credentials and endpoint come from ({@code AWS_ACCESS_KEY_ID}, {@code S3_ENDPOINT}, …)
     */
    public ClusterPublisher(ClusterTarget cluster, ImageResolver images, String serverImage, Map<String, String> env) {
        this.cluster = cluster;
        this.images = images;
        this.serverImage = serverImage;
        this.env = Map.copyOf(env);
    }

    @Override
    public Manifest publish(Manifest manifest, String namespace) {
        return rewrite(manifest, true);
    }

    /**
     * The manifest as {@link #publish} would make it, without uploading or pushing: each local model's
     * {@code modelUri} points where publishing puts it (its content's digest); images stay as written.
     */
    public Manifest plan(Manifest manifest) {
        return rewrite(manifest, false);
    }

    private Manifest rewrite(Manifest manifest, boolean upload) {
        final ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(manifest.resolvedJson());
        } catch (IOException e) {
            throw new IllegalStateException("a parsed manifest is not JSON", e);
        }
        boolean changed = false;
        final JsonNode predictors = root.path("spec").path("predictors");
        for (int i = 0; i < predictors.size(); i++) {
            changed |= graph(predictors.get(i).path("graph"), "spec.predictors[" + i + "].graph", upload);
            final JsonNode components = predictors.get(i).path("componentSpecs");
            if (!upload) {
                continue;
            }
            for (int c = 0; c < components.size(); c++) {
                final JsonNode containers = components.get(c).path("spec").path("containers");
                for (int k = 0; k < containers.size(); k++) {
                    changed |= image(
                            (ObjectNode) containers.get(k),
                            "spec.predictors[" + i + "].componentSpecs[" + c + "].spec.containers[" + k + "].image");
                }
            }
        }
        return changed ? parser.parse(root.toString(), manifest.source(), null) : manifest;
    }

    private boolean graph(JsonNode node, String path, boolean upload) {
        boolean changed = false;
        if (node.isObject() && node.path("modelUri").isTextual()) {
            final String uri = node.get("modelUri").asText();
            final Optional<Path> local = localPath(uri);
            if (local.isPresent()) {
                ((ObjectNode) node)
                        .put(
                                "modelUri",
                                upload
                                        ? upload(local.get(), path + ".modelUri")
                                        : destination(local.get(), path + ".modelUri"));
                changed = true;
            }
        }
        final JsonNode children = node.path("children");
        for (int i = 0; i < children.size(); i++) {
            changed |= graph(children.get(i), path + ".children[" + i + "]", upload);
        }
        return changed;
    }

    private static Optional<Path> localPath(String uri) {
        if (uri.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(uri)));
        }
        return uri.startsWith("/") ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    /** Where {@code local} is published: {@code STORE/artifacts/<sha256 of its content>[/FILE]}. */
    private String destination(Path local, String field) {
        store(field, local);
        final URI store = URI.create(cluster.artifacts());
        return uri(store, prefix(store, contentDigest(local)), local);
    }

    private static String uri(URI store, String prefix, Path local) {
        return store.getScheme() + "://" + store.getHost() + "/" + prefix
                + (Files.isRegularFile(local) ? "/" + local.getFileName() : "");
    }

    private static String prefix(URI store, String sha) {
        return (store.getPath().replaceAll("^/+|/+$", "") + "/artifacts/" + sha).replaceAll("^/", "");
    }

    private void store(String field, Path local) {
        if (cluster.artifacts() == null) {
            throw new ClusterException(
                    ClusterException.Kind.PUBLISH_FAILED,
                    field + ": '" + local + "' is a path on"
                            + " Slipway's machine; give the environment target.artifacts (s3://BUCKET/PREFIX) to publish it");
        }
        final boolean gcs = cluster.artifacts().startsWith("gs://");
        if (!gcs && !cluster.artifacts().startsWith("s3://")) {
            throw new ClusterException(
                    ClusterException.Kind.PUBLISH_FAILED,
                    field + ": publishing to " + cluster.artifacts() + " is not supported (s3:// or gs://)");
        }
    }

    private String upload(Path local, String field) {
        store(field, local);
        final boolean gcs = cluster.artifacts().startsWith("gs://");
        return published.computeIfAbsent("model:" + local, k -> {
            final URI store = URI.create(cluster.artifacts());
            final String prefix = prefix(store, contentDigest(local));
            // gs:// through Cloud Storage's S3-compatible XML API with an HMAC key (docs/kubernetes.md)
            try (S3Storage objects = gcs
                    ? S3Storage.gcsInterop(env, StorageOptions.DEFAULTS)
                    : new S3Storage(env, StorageOptions.DEFAULTS)) {
                objects.upload(store.getHost(), prefix, local);
            } catch (IOException | RuntimeException e) {
                throw new ClusterException(
                        ClusterException.Kind.PUBLISH_FAILED,
                        field + ": cannot publish " + local + " to " + cluster.artifacts() + ": " + e.getMessage(),
                        e);
            }
            return uri(store, prefix, local);
        });
    }

    private boolean image(ObjectNode container, String field) {
        if (images == null || !container.path("image").isTextual()) {
            return false;
        }
        final String image = container.get("image").asText();
        final Optional<Artifact> artifact;
        try {
            artifact = images.find(image);
        } catch (ArtifactException e) {
            return false; // not a NAME:VERSION of Slipway's store: a registry image, applied as written
        }
        if (artifact.isEmpty()) {
            return false;
        }
        if (cluster.registry() == null) {
            throw new ClusterException(
                    ClusterException.Kind.PUBLISH_FAILED,
                    field + ": '" + image + "' is in Slipway's"
                            + " artifact store; give the environment target.registry (HOST/PREFIX) to push it");
        }
        final String pinned =
                published.computeIfAbsent("image:" + artifact.get().digest(), k -> {
                    final ResolvedImage resolved = images.resolve(image);
                    final String ref =
                            cluster.registry() + "/" + artifact.get().ref().name() + ":"
                                    + artifact.get().ref().version();
                    try {
                        final String digest = new ServerImageBuilder()
                                .build(
                                        new ServerImageBuilder.Request(
                                                artifact.get().ref(),
                                                resolved.classpath(),
                                                artifact.get().modelClass().orElse(null),
                                                artifact.get().modelClass().isPresent()
                                                        ? null
                                                        : artifact.get()
                                                                .mainClass()
                                                                .orElse(null)),
                                        serverImage,
                                        ServerImageBuilder.Destination.registry(
                                                ref,
                                                env.get("SLIPWAY_REGISTRY_USER"),
                                                env.get("SLIPWAY_REGISTRY_PASSWORD")));
                        return cluster.registry() + "/" + artifact.get().ref().name() + "@" + digest;
                    } catch (ArtifactException e) {
                        throw new ClusterException(
                                ClusterException.Kind.PUBLISH_FAILED,
                                field + ": cannot push " + image + " to " + ref + ": " + e.getMessage(),
                                e);
                    }
                });
        container.put("image", pinned);
        return true;
    }

    /** SHA-256 over the relative paths and bytes of every file under {@code local}, in path order. */
    static String contentDigest(Path local) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            final List<Path> files = new ArrayList<>();
            if (Files.isRegularFile(local)) {
                files.add(local);
            } else {
                try (Stream<Path> walk = Files.walk(local)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
            final byte[] buffer = new byte[64 * 1024];
            for (final Path f : files) {
                sha.update((Files.isRegularFile(local)
                                ? f.getFileName().toString()
                                : local.relativize(f).toString())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new ClusterException(
                    ClusterException.Kind.PUBLISH_FAILED, "cannot read " + local + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
