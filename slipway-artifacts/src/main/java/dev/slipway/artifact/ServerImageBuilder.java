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
  /** Where the modules of a Python model server go in the image. */
  public static final String PYTHON = "/app/python";
  /** Label marking a Python model server; its value names the class ({@code Class} or {@code module.Class}) or is empty. */
  public static final String PYTHON_CLASS_LABEL = "dev.slipway.python-class";
  /** The most files a Python server folder may hold. */
  public static final int MAX_PYTHON_FILES = 10_000;
  /** Folders of a Python server folder that are never part of its image. */
  public static final Set<String> PYTHON_SKIPPED = Set.of(".git", "__pycache__", ".pytest_cache", "target", ".venv");

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
    return containerize(builder, request.ref(), out);
  }

  /**
   * Builds the image of a Python model server: the files of {@code dir} (without {@link #PYTHON_SKIPPED} folders)
   * as one layer under {@link #PYTHON}, the label {@link #PYTHON_CLASS_LABEL} ({@code pythonClass}, or empty when
   * the class is found at start: s2i {@code MODEL_NAME}, or the only class), entrypoint {@code slipway serve
   * --python /app/python}. Links and special files are refused.
   */
  public String buildPython(ArtifactRef ref, Path dir, String pythonClass, Path out) {
    Objects.requireNonNull(ref, "ref");
    if (!Files.isDirectory(dir)) {
      throw new ArtifactException(ArtifactException.Kind.INVALID, dir + ": not a folder");
    }
    if (pythonClass != null && !CLASS_NAME.matcher(pythonClass).matches()) {
      throw new ArtifactException(ArtifactException.Kind.INVALID, "'" + pythonClass + "' is not a Python class name");
    }
    final FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("python");
    final Path base = dir.toAbsolutePath().normalize();
    final List<Path> files = new ArrayList<>();
    boolean module = false;
    try (java.util.stream.Stream<Path> walk = Files.walk(base)) {
      for (final Path p : walk.sorted().toList()) {
        final Path rel = base.relativize(p);
        boolean skipped = false;
        for (final Path part : rel) {
          skipped |= PYTHON_SKIPPED.contains(part.toString());
        }
        if (skipped || p.equals(base) || Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          throw new ArtifactException(ArtifactException.Kind.INVALID, p + ": a link or special file (refused)");
        }
        files.add(p);
        module |= rel.getNameCount() == 1 && rel.toString().endsWith(".py");
        if (files.size() > MAX_PYTHON_FILES) {
          throw new ArtifactException(ArtifactException.Kind.INVALID, dir + " holds more than " + MAX_PYTHON_FILES + " files");
        }
      }
    } catch (IOException e) {
      throw new ArtifactException(ArtifactException.Kind.IO, "cannot read " + dir + ": " + e.getMessage(), e);
    }
    if (!module) {
      throw new ArtifactException(ArtifactException.Kind.INVALID, dir + " holds no Python module (*.py)");
    }
    for (final Path p : files) {
      final StringBuilder inImage = new StringBuilder(PYTHON);
      for (final Path part : base.relativize(p)) {
        inImage.append('/').append(part);
      }
      layer.addEntry(p, AbsoluteUnixPath.get(inImage.toString()));
    }
    final JibContainerBuilder builder = Jib.fromScratch().setFormat(ImageFormat.OCI)
        .addFileEntriesLayer(layer.build())
        .addLabel(PYTHON_CLASS_LABEL, pythonClass == null ? "" : pythonClass)
        .setEntrypoint(List.of("java", "-cp", LIB + "/*", SLIPWAY_MAIN, "serve", "--python", PYTHON));
    return containerize(builder, ref, out);
  }

  private static String containerize(JibContainerBuilder builder, ArtifactRef ref, Path out) {
    Path caches = null;
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      caches = Files.createTempDirectory("slipway-jib");
      final Containerizer to = Containerizer.to(TarImage.at(out).named(ref.name() + ":"
          + ref.version())).setOfflineMode(true).setAlwaysCacheBaseImage(false)
          .setBaseImageLayersCache(caches.resolve("base"))
          .setApplicationLayersCache(caches.resolve("application"));
      return builder.containerize(to).getDigest().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArtifactException(ArtifactException.Kind.IO, "interrupted while building " + ref);
    } catch (Exception e) {
      throw new ArtifactException(ArtifactException.Kind.IO, "cannot build the image of " + ref + ": "
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
