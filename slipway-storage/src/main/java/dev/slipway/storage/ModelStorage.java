package dev.slipway.storage;

import dev.slipway.support.RealPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a Seldon {@code modelUri} to a local folder (or file) that a runtime can read.
 *
 * <p>{@code file:} URIs and plain paths are used in place. {@code http(s)://}, {@code s3://} and
 * {@code gs://} are fetched into {@code cacheDir} through a {@link DigestCache}; settings (endpoints,
 * credentials) come from the environment map given here. Close the storage to release its clients.
 */
public final class ModelStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStorage.class);

    private final Path cacheDir;
    private final Map<String, String> environment;
    private final StorageOptions options;
    private final DigestCache cache;
    private final Map<String, Storage> byScheme = new LinkedHashMap<>();
    private final List<Storage> extra;
    private final List<Path> localRoots;
    private boolean builtIns;

    /**
     * @param cacheDir where remote models are downloaded to
     * @param environment where credentials and endpoints are read from (normally {@link System#getenv()})
     */
    public ModelStorage(Path cacheDir, Map<String, String> environment) {
        this(cacheDir, environment, StorageOptions.DEFAULTS, List.of());
    }

    /** A storage with explicit limits and timeouts. */
    public ModelStorage(Path cacheDir, Map<String, String> environment, StorageOptions options) {
        this(cacheDir, environment, options, List.of());
    }

    /**
     * A storage with explicit limits and timeouts and extra schemes; an extra storage replaces a built-in
     * one for the schemes it declares.
     */
    public ModelStorage(Path cacheDir, Map<String, String> environment, StorageOptions options, List<Storage> extra) {
        this(cacheDir, environment, options, extra, List.of());
    }

    /**
     * As above, with local models ({@code file:} URIs and plain paths) loaded only from under {@code localRoots} (empty:
     * from anywhere): a replica the control plane starts must not read — and report on — any file its user can read.
     * Roots and paths are compared after links are resolved; a refusal names the URI, never whether it exists.
     */
    public ModelStorage(
            Path cacheDir,
            Map<String, String> environment,
            StorageOptions options,
            List<Storage> extra,
            List<Path> localRoots) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.environment = Map.copyOf(environment);
        this.options = Objects.requireNonNull(options, "options");
        this.cache = new DigestCache(cacheDir, options);
        this.extra = List.copyOf(extra);
        this.localRoots = localRoots.stream().map(RealPaths::of).toList();
    }

    /** {@code p} absolute, normalized, with links resolved as far as it exists. */
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
            throw new StorageException(StorageException.Reason.REFUSED, "model URI is empty");
        }
        String scheme = scheme(uri);
        if (scheme == null || scheme.equals("file")) {
            return local(uri, scheme);
        }
        Storage storage = storageFor(scheme);
        if (storage == null) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + modelUri + "': unsupported scheme '" + scheme + "' (supported: " + supported()
                            + ")");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + modelUri + "' is not a valid URI: " + e.getMessage(),
                    e);
        }
        return cache.fetch(uri, parsed, storage);
    }

    private synchronized Storage storageFor(String scheme) {
        if (!builtIns) {
            List<Storage> all = new ArrayList<>();
            all.add(new HttpStorage(options));
            all.add(new LazyS3(environment, options));
            all.add(new GcsStorage(environment, options));
            all.addAll(extra);
            for (Storage s : all) {
                for (String sch : s.schemes()) {
                    byScheme.put(sch.toLowerCase(Locale.ROOT), s);
                }
            }
            builtIns = true;
        }
        return byScheme.get(scheme);
    }

    private String supported() {
        TreeSet<String> names = new TreeSet<>(List.of("file", "plain paths"));
        names.addAll(byScheme.keySet());
        return String.join(", ", names);
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

    private Path local(String uri, String scheme) throws StorageException {
        Path path;
        try {
            path = scheme == null
                    ? Path.of(uri)
                    : Path.of(new URI(uri.startsWith("file://") ? uri : "file://" + uri.substring(5)));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + uri + "' is not a valid file URI or path: " + e.getMessage(),
                    e);
        }
        path = path.toAbsolutePath().normalize();
        if (!localRoots.isEmpty()) {
            final Path resolved = RealPaths.of(path); // a link inside a root that points out of it is outside
            if (localRoots.stream().noneMatch(resolved::startsWith)) {
                throw new StorageException(
                        StorageException.Reason.REFUSED,
                        "model URI '" + uri + "' is a local path outside the"
                                + " folders this server loads models from (" + localRoots.size()
                                + " allowed roots): publish the model or"
                                + " promote it");
            }
        }
        if (!Files.exists(path)) {
            throw new StorageException(
                    StorageException.Reason.NOT_FOUND, "model URI '" + uri + "': " + path + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw new StorageException(
                    StorageException.Reason.DENIED, "model URI '" + uri + "': " + path + " is not readable");
        }
        return path;
    }

    @Override
    public synchronized void close() {
        for (Storage s : byScheme.values()) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing clients: nothing left to report to
                    LOG.debug("closing clients: nothing left to report to", e);
                }
            }
        }
    }

    /** Builds the S3 client on first use only: most servers never read s3. */
    private static final class LazyS3 implements Storage, AutoCloseable {
        private final Map<String, String> environment;
        private final StorageOptions options;
        private S3Storage delegate;

        LazyS3(Map<String, String> environment, StorageOptions options) {
            this.environment = environment;
            this.options = options;
        }

        @Override
        public java.util.Set<String> schemes() {
            return java.util.Set.of("s3");
        }

        private synchronized S3Storage delegate() {
            if (delegate == null) {
                delegate = new S3Storage(environment, options);
            }
            return delegate;
        }

        @Override
        public Fetched fetch(URI uri, String previousVersion, Path staging, Budget budget) throws StorageException {
            return delegate().fetch(uri, previousVersion, staging, budget);
        }

        @Override
        public synchronized void close() {
            if (delegate != null) {
                delegate.close();
            }
        }
    }
}
