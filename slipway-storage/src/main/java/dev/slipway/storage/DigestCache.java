package dev.slipway.storage;

import dev.slipway.support.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download cache, keyed by URI and remote version (ETag, generation or digest).
 *
 * <pre>
 * cacheDir/
 *   .staging/&lt;key&gt;-&lt;random&gt;/  a download in progress (never served)
 *   &lt;key&gt;.lock                  cross-process lock for one URI
 *   &lt;key&gt;/uri                   the URI, for people
 *   &lt;key&gt;/current               version=… dir=v-… of the last complete copy
 *   &lt;key&gt;/v-&lt;digest&gt;/          a complete copy, renamed atomically from .staging
 * </pre>
 *
 * <p>{@code key} is the first 32 hex digits of the URI's SHA-256. Fetches of one URI are serialised (in
 * this JVM by a lock per key, across processes by a file lock); a fetch that waited while another
 * completed returns that result without asking the remote again. The current copy and the one before
 * it are kept; older copies are deleted.
 */
public final class DigestCache {

    private static final Logger LOG = LoggerFactory.getLogger(DigestCache.class);

    private static final String STAGING = ".staging";

    private final Path cacheDir;
    private final StorageOptions options;
    private final SafeUnpacker unpacker = new SafeUnpacker();
    private final ConcurrentHashMap<String, KeyState> keys = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    public DigestCache(Path cacheDir, StorageOptions options) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.options = options;
    }

    private static final class KeyState {
        final ReentrantLock lock = new ReentrantLock();
        long completedTicket;
        Path result;
    }

    /** The local folder holding {@code uri}'s content, downloading only what changed. */
    public Path fetch(String modelUri, URI uri, Storage storage) throws StorageException {
        String key = HttpTransport.hex(HttpTransport.sha256().digest(modelUri.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        long ticket = tickets.incrementAndGet();
        KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
        state.lock.lock();
        try {
            if (state.completedTicket > ticket && state.result != null && Files.isDirectory(state.result)) {
                return state.result; // another caller finished this URI while we waited: one download for both
            }
            Path result = fetchLocked(modelUri, uri, storage, key);
            state.result = result;
            state.completedTicket = tickets.incrementAndGet();
            return result;
        } finally {
            state.lock.unlock();
        }
    }

    private Path fetchLocked(String modelUri, URI uri, Storage storage, String key) throws StorageException {
        try {
            Files.createDirectories(cacheDir.resolve(STAGING));
            try (FileChannel channel = FileChannel.open(
                            cacheDir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                removeStaleStaging(key);
                Path keyDir = Files.createDirectories(cacheDir.resolve(key));
                Files.writeString(keyDir.resolve("uri"), modelUri + "\n");
                Properties current = readCurrent(keyDir);
                String previousDir = current.getProperty("dir");
                String previousVersion = previousDir != null && Files.isDirectory(keyDir.resolve(previousDir))
                        ? current.getProperty("version")
                        : null;
                Path staging = Files.createTempDirectory(cacheDir.resolve(STAGING), key + "-");
                try {
                    Storage.Fetched fetched =
                            storage.fetch(uri, previousVersion, staging, Budget.of(modelUri, options));
                    if (fetched.isNotModified()) {
                        return keyDir.resolve(previousDir);
                    }
                    if (fetched.singleObject()) {
                        unpackSingleArchive(modelUri, staging);
                    }
                    String dirName = "v-"
                            + HttpTransport.hex(HttpTransport.sha256()
                                            .digest(fetched.version().getBytes(StandardCharsets.UTF_8)))
                                    .substring(0, 16);
                    Path finalDir = keyDir.resolve(dirName);
                    if (!Files.isDirectory(finalDir)) {
                        AtomicFiles.move(staging, finalDir);
                    }
                    writeCurrent(keyDir, fetched.version(), dirName);
                    prune(keyDir, dirName, previousDir);
                    return finalDir;
                } finally {
                    deleteTree(staging);
                }
            }
        } catch (IOException e) {
            throw new StorageException("model URI '" + modelUri + "': cache folder " + cacheDir + " failed: " + e, e);
        }
    }

    private void unpackSingleArchive(String modelUri, Path staging) throws IOException, StorageException {
        List<Path> files;
        try (Stream<Path> s = Files.list(staging)) {
            files = s.toList();
        }
        if (files.size() != 1
                || !SafeUnpacker.isArchive(files.get(0).getFileName().toString())) {
            return;
        }
        Path archive = Files.move(
                files.get(0),
                staging.resolveSibling(
                        staging.getFileName() + "-" + files.get(0).getFileName()));
        try {
            unpacker.unpack(archive, staging, Budget.of(modelUri, options));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private void removeStaleStaging(String key) throws IOException {
        // Holding the key's file lock: any staging entry of this key belongs to a fetch that died.
        try (DirectoryStream<Path> s = Files.newDirectoryStream(cacheDir.resolve(STAGING), key + "-*")) {
            for (Path p : s) {
                deleteTree(p);
            }
        }
    }

    private static Properties readCurrent(Path keyDir) throws IOException {
        Properties p = new Properties();
        Path file = keyDir.resolve("current");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    private static void writeCurrent(Path keyDir, String version, String dirName) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("dir", dirName);
        final StringWriter w = new StringWriter();
        p.store(w, null);
        AtomicFiles.writeString(keyDir.resolve("current"), w.toString());
    }

    private static void prune(Path keyDir, String keep, String previous) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(keyDir, "v-*")) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.equals(keep) && !n.equals(previous)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // best effort: an old copy left behind costs disk, not correctness
            LOG.warn("cannot prune old copies in {}", keyDir, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (NoSuchFileException e) {
                    LOG.trace("{} already gone", e.getFile());
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
