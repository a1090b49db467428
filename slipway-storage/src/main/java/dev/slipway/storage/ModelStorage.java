package dev.slipway.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves a Seldon {@code modelUri} to a local folder (or file) that a runtime can read.
 *
 * <p>{@code file:} URIs and plain paths are used in place. Remote schemes are fetched into
 * {@code cacheDir}.
 */
public final class ModelStorage {

  private final Path cacheDir;
  private final Map<String, String> environment;

  /**
   * @param cacheDir where remote models are downloaded to
   * @param environment where credentials and endpoints are read from (normally {@link System#getenv()})
   */
  public ModelStorage(Path cacheDir, Map<String, String> environment) {
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    this.environment = Map.copyOf(environment);
  }

  /** The cache folder. */
  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * A local folder or file holding what {@code modelUri} names.
   *
   * @throws StorageException naming the URI and the reason (missing, denied, unreachable, unsupported)
   */
  public Path fetch(String modelUri) throws StorageException {
    Objects.requireNonNull(modelUri, "modelUri");
    String uri = modelUri.trim();
    if (uri.isEmpty()) {
      throw new StorageException("model URI is empty");
    }
    String scheme = scheme(uri);
    if (scheme == null || scheme.equals("file")) {
      return local(uri, scheme);
    }
    throw new StorageException(
        "model URI '" + modelUri + "': unsupported scheme '" + scheme + "' (supported: file, plain paths)");
  }

  private static String scheme(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 1) { // no scheme, or a Windows drive letter
      return null;
    }
    String s = uri.substring(0, colon);
    if (!s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
      return null;
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static Path local(String uri, String scheme) throws StorageException {
    Path path;
    try {
      path = scheme == null ? Path.of(uri) : Path.of(new URI(uri.startsWith("file://") ? uri : "file://" + uri.substring(5)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new StorageException("model URI '" + uri + "' is not a valid file URI or path: " + e.getMessage(), e);
    }
    path = path.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new StorageException("model URI '" + uri + "': " + path + " does not exist");
    }
    if (!Files.isReadable(path)) {
      throw new StorageException("model URI '" + uri + "': " + path + " is not readable");
    }
    return path;
  }
}
