package dev.slipway.artifact;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Builds the OCI image of a custom server with Jib ({@code Jib.fromScratch()}, offline): the jars as one layer
 * under {@link #LIB}, labels naming the Model class ({@link #MODEL_CLASS_LABEL}) or main class
 * ({@link #MAIN_CLASS_LABEL}), and an entrypoint {@code java -cp /app/lib/* dev.slipway.cli.Slipway serve --class
 * FQCN} (or {@code java -cp /app/lib/* MAIN}), written as an OCI archive (a tar of an OCI image layout). Jib builds
 * reproducibly (fixed timestamps), so the same jars and class give the same digest whatever the name and version.
 */
public final class ServerImageBuilder {

  /** Where the jars go in the image. */
  public static final String LIB = "/app/lib";
  /** Label naming the {@code dev.slipway.model.Model} class the server serves. */
  public static final String MODEL_CLASS_LABEL = "dev.slipway.model-class";
  /** Label naming the main class of a server that brings its own. */
  public static final String MAIN_CLASS_LABEL = "dev.slipway.main-class";
  /** The main class of the Slipway CLI (its {@code serve} command). */
  public static final String SLIPWAY_MAIN = "dev.slipway.cli.Slipway";

  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  /** What to build: jars plus exactly one of model class and main class. */
  public record Request(ArtifactRef ref, List<Path> jars, String modelClass, String mainClass) {
    public Request {
      Objects.requireNonNull(ref, "ref");
      jars = List.copyOf(jars);
    }
  }

  /** Builds {@code request} into the OCI archive {@code out}; returns the image's manifest digest. */
  public String build(Request request, Path out) {
    validate(request);
    final List<String> entrypoint = new ArrayList<>(List.of("java", "-cp", LIB + "/*"));
    final JibContainerBuilder builder = Jib.fromScratch().setFormat(ImageFormat.OCI);
    final FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("jars");
    for (final Path jar : request.jars()) {
      layer.addEntry(jar, AbsoluteUnixPath.get(LIB).resolve(jar.getFileName().toString()));
    }
    builder.addFileEntriesLayer(layer.build());
    if (request.modelClass() != null) {
      builder.addLabel(MODEL_CLASS_LABEL, request.modelClass());
      entrypoint.addAll(List.of(SLIPWAY_MAIN, "serve", "--class", request.modelClass()));
    } else {
      builder.addLabel(MAIN_CLASS_LABEL, request.mainClass());
      entrypoint.add(request.mainClass());
    }
    builder.setEntrypoint(entrypoint);
    Path caches = null;
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      caches = Files.createTempDirectory("slipway-jib");
      final Containerizer to = Containerizer.to(TarImage.at(out).named(request.ref().name() + ":"
          + request.ref().version())).setOfflineMode(true).setAlwaysCacheBaseImage(false)
          .setBaseImageLayersCache(caches.resolve("base"))
          .setApplicationLayersCache(caches.resolve("application"));
      return builder.containerize(to).getDigest().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArtifactException(ArtifactException.Kind.IO, "interrupted while building " + request.ref());
    } catch (Exception e) {
      throw new ArtifactException(ArtifactException.Kind.IO, "cannot build the image of " + request.ref() + ": "
          + e.getMessage(), e);
    } finally {
      Files2.deleteTree(caches);
    }
  }

  private static void validate(Request request) {
    if ((request.modelClass() == null) == (request.mainClass() == null)) {
      throw new ArtifactException(ArtifactException.Kind.INVALID,
          "name exactly one of --model-class (a dev.slipway.model.Model) and --main-class");
    }
    final String cls = request.modelClass() != null ? request.modelClass() : request.mainClass();
    if (!CLASS_NAME.matcher(cls).matches()) {
      throw new ArtifactException(ArtifactException.Kind.INVALID, "'" + cls + "' is not a Java class name");
    }
    if (request.jars().isEmpty()) {
      throw new ArtifactException(ArtifactException.Kind.INVALID, "no jar given");
    }
    final Set<String> names = new HashSet<>();
    boolean found = false;
    final String entry = cls.replace('.', '/') + ".class";
    for (final Path jar : request.jars()) {
      if (!Files.isRegularFile(jar)) {
        throw new ArtifactException(ArtifactException.Kind.INVALID, jar + ": no such file");
      }
      if (!names.add(jar.getFileName().toString())) {
        throw new ArtifactException(ArtifactException.Kind.INVALID, jar + ": two jars are named "
            + jar.getFileName() + " (they would overwrite each other in " + LIB + ")");
      }
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        found |= zip.getEntry(entry) != null;
      } catch (IOException e) {
        throw new ArtifactException(ArtifactException.Kind.INVALID, jar + ": not a jar (" + e.getMessage() + ")");
      }
    }
    if (!found) {
      throw new ArtifactException(ArtifactException.Kind.INVALID, "class " + cls + " is in none of the jars "
          + request.jars());
    }
  }
}
