package dev.slipway.controlplane;

import dev.slipway.support.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.artifact.Artifact;
import dev.slipway.artifact.ArtifactException;
import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ArtifactStore;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The artifact store over REST: {@code PUT /api/v1/artifacts/{name}/{version}} (body: an OCI archive; 201 created,
 * 200 unchanged, 409 when the version holds other content), {@code GET /api/v1/artifacts/{name}/{version}} (JSON),
 * {@code GET …/{version}/archive} (the OCI archive), {@code GET /api/v1/artifacts}. Names may hold {@code /}.
 * Uploads are spooled to a file under the store (never held in memory) and stored off the event loop.
 */
final class ArtifactsApi {

  private static final ObjectMapper JSON = Mappers.json();
  private static final String PREFIX = "/api/v1/artifacts";

  private final Vertx vertx;
  private final ArtifactStore store;

  ArtifactsApi(Vertx vertx, ArtifactStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void routes(Router router) {
    router.get(PREFIX).handler(rc -> blocking(rc, () -> {
      final ObjectNode n = JSON.createObjectNode();
      final ArrayNode list = n.putArray("artifacts");
      store.list().forEach(a -> list.add(tree(a)));
      return reply(rc, 200, n);
    }));
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
      throw new ArtifactException(ArtifactException.Kind.INVALID, "the path must be " + PREFIX
          + "/{name}/{version}");
    }
    return new ArtifactRef(rest.substring(0, slash), rest.substring(slash + 1));
  }

  private void put(RoutingContext rc) {
    final ArtifactRef ref;
    try {
      ref = ref(rc.request().path(), false);
    } catch (ArtifactException e) {
      error(rc, e.httpStatus(), e.getMessage());
      return;
    }
    final Path spool;
    try {
      Files.createDirectories(store.root().resolve("tmp"));
      spool = Files.createTempFile(store.root().resolve("tmp"), "upload-", ".tar");
    } catch (IOException e) {
      error(rc, 500, "cannot spool the upload: " + e.getMessage());
      return;
    }
    rc.request().pause(); // pipeTo resumes it once the spool file is open
    vertx.fileSystem().open(spool.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
        .compose(file -> rc.request().pipeTo(file))
        .onComplete(done -> {
          if (done.failed()) {
            deleteQuietly(spool);
            error(rc, 400, "upload of " + ref + " failed: " + done.cause().getMessage());
            return;
          }
          blocking(rc, () -> {
            try {
              final ArtifactStore.Published p = store.publish(ref, spool);
              final ObjectNode n = JSON.createObjectNode();
              n.put("outcome", p.outcome().name().toLowerCase());
              n.set("artifact", tree(p.artifact()));
              return reply(rc, p.outcome() == ArtifactStore.Outcome.CREATED ? 201 : 200, n);
            } finally {
              deleteQuietly(spool);
            }
          });
        });
  }

  private void get(RoutingContext rc) {
    final boolean archive = rc.request().path().endsWith("/archive");
    blocking(rc, () -> {
      final ArtifactRef ref = ref(rc.request().path(), archive);
      final Artifact a = store.require(ref);
      if (!archive) {
        return reply(rc, 200, tree(a));
      }
      Files.createDirectories(store.root().resolve("tmp"));
      final Path file = Files.createTempFile(store.root().resolve("tmp"), "download-", ".tar");
      try (java.io.OutputStream out = Files.newOutputStream(file)) {
        store.writeArchive(ref, out);
      }
      return (Runnable) () -> rc.response().putHeader("Content-Type", "application/x-tar")
          .sendFile(file.toString()).onComplete(x -> deleteQuietly(file));
    });
  }

  private void blocking(RoutingContext rc, Callable<Runnable> work) {
    vertx.<Runnable>executeBlocking(work::call, false).onComplete(r -> {
      if (r.succeeded()) {
        r.result().run();
      } else if (r.cause() instanceof ArtifactException e) {
        error(rc, e.httpStatus(), e.getMessage());
      } else {
        error(rc, 500, String.valueOf(r.cause().getMessage()));
      }
    });
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(Artifact a) {
    try {
      return JSON.readTree(ArtifactStore.json(a));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Runnable reply(RoutingContext rc, int status, Object body) {
    final String text;
    try {
      text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return () -> rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }

  private static void error(RoutingContext rc, int status, String message) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(JSON.createObjectNode().put("error", message).toString());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover spool file is harmless
    }
  }
}
