package dev.slipway.controlplane.api;

import dev.slipway.api.ArtifactList;
import dev.slipway.api.ArtifactPublished;
import dev.slipway.artifact.ArtifactException;
import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ArtifactStore;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact store over HTTP: {@code PUT /api/v1/artifacts/{name}/{version}} (body: an OCI archive; 201 created,
 * 200 unchanged, 409 when the version holds other content), {@code GET /api/v1/artifacts/{name}/{version}},
 * {@code GET …/{version}/archive} (the OCI archive), {@code GET /api/v1/artifacts}. Names may hold {@code /}. Uploads
 * are spooled to a file under the store (never held in memory) and stored off the event loop.
 */
public final class ArtifactsApi implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactsApi.class);

    private static final String PREFIX = "/api/v1/artifacts";

    private final Replies replies;
    private final ArtifactStore store;

    public ArtifactsApi(Replies replies, ArtifactStore store) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void mount(Router router) {
        router.get(PREFIX)
                .handler(rc -> replies.blockingJson(
                        rc,
                        200,
                        () -> new ArtifactList(
                                store.list().stream().map(Views::artifact).toList())));
        router.put(PREFIX + "/*").handler(this::put);
        router.get(PREFIX + "/*").handler(this::get);
    }

    private static ArtifactRef ref(String path, boolean archive) {
        String rest = path.substring(PREFIX.length() + 1);
        if (archive) {
            rest = rest.substring(0, rest.length() - "/archive".length());
        }
        final int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID, "the path must be " + PREFIX + "/{name}/{version}");
        }
        return new ArtifactRef(rest.substring(0, slash), rest.substring(slash + 1));
    }

    private void put(RoutingContext rc) {
        final ArtifactRef ref = ref(rc.request().path(), false);
        final Path spool;
        try {
            Files.createDirectories(store.root().resolve("tmp"));
            spool = Files.createTempFile(store.root().resolve("tmp"), "upload-", ".tar");
        } catch (IOException e) {
            throw new IllegalStateException("cannot spool the upload: " + e.getMessage(), e);
        }
        rc.request().pause(); // pipeTo resumes it once the spool file is open
        replies.vertx()
                .fileSystem()
                .open(spool.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                .compose(file -> rc.request().pipeTo(file))
                .onComplete(done -> {
                    if (done.failed()) {
                        deleteQuietly(spool);
                        replies.fail(
                                rc,
                                ApiException.badRequest("upload of " + ref + " failed: "
                                        + done.cause().getMessage()));
                        return;
                    }
                    replies.blocking(rc, () -> {
                        try {
                            final ArtifactStore.Published p = store.publish(ref, spool);
                            return Reply.json(
                                    p.outcome() == ArtifactStore.Outcome.CREATED ? 201 : 200,
                                    new ArtifactPublished(
                                            p.outcome().name().toLowerCase(Locale.ROOT), Views.artifact(p.artifact())));
                        } finally {
                            deleteQuietly(spool);
                        }
                    });
                });
    }

    private void get(RoutingContext rc) {
        final boolean archive = rc.request().path().endsWith("/archive");
        replies.blocking(rc, () -> {
            final ArtifactRef ref = ref(rc.request().path(), archive);
            final var artifact = store.require(ref);
            if (!archive) {
                return Reply.json(200, Views.artifact(artifact));
            }
            Files.createDirectories(store.root().resolve("tmp"));
            final Path file = Files.createTempFile(store.root().resolve("tmp"), "download-", ".tar");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.writeArchive(ref, out);
            }
            return Reply.temporaryFile("application/x-tar", file);
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover spool file under the store's tmp folder is harmless; the next upload has another name
            LOG.debug(
                    "a leftover spool file under the store's tmp folder is harmless; the next upload has another name",
                    e);
        }
    }
}
