package dev.slipway.gitops.logs;

import dev.slipway.support.DnsLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-server logs of the local runtime's deployments: {@code DATA/logs/NS/NAME/PREDICTOR-NODE-ID.log}, one file per
 * replica (a restart appends, a new replica gets a new id). Names must be DNS labels and only the regular files of that
 * one folder are read (no links, no crash reports), so no spelling of a name reaches another file.
 */
public final class ReplicaLogs {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLogs.class);
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9._-]+)-([0-9]+)\\.log");
    /** {@code --- NS/NAME/PREDICTOR/NODE#ID start …}, the first line the runtime writes. */
    private static final Pattern HEADER = Pattern.compile("^--- [^/\\s]+/[^/\\s]+/([^/\\s]+)/([^#\\s]+)#(\\d+) start ");

    /** One replica's log file: which predictor, node and replica id it belongs to. */
    public record Replica(Path file, String predictor, String node, String id) {}

    private final Path logs;

    /** @param dataDir the local runtime's data folder (logs are under {@code logs/}) */
    public ReplicaLogs(Path dataDir) {
        this.logs = Objects.requireNonNull(dataDir, "dataDir")
                .toAbsolutePath()
                .normalize()
                .resolve("logs");
    }

    /** The folder of one deployment's logs; {@link IllegalArgumentException} naming the part that is not a DNS label. */
    public Path folder(String namespace, String name) {
        DnsLabel.require("namespace", namespace);
        DnsLabel.require("name", name);
        final Path dir = logs.resolve(namespace).resolve(name).normalize();
        if (!dir.getParent().getParent().equals(logs)) {
            throw new IllegalArgumentException("namespace/name: " + namespace + "/" + name + " is not a deployment");
        }
        return dir;
    }

    /** True when the deployment has a log folder. */
    public boolean exists(String namespace, String name) {
        return Files.isDirectory(folder(namespace, name), LinkOption.NOFOLLOW_LINKS);
    }

    /** Every replica's log of the deployment, by predictor, node and replica id. */
    public List<Replica> replicas(String namespace, String name) {
        final Path dir = folder(namespace, name);
        final List<Replica> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (final Path f : files) {
                final Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches()
                        && !m.group(1).contains(".hs_err_pid")
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(identify(f, m.group(1), m.group(2)));
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the logs in {}: {}", dir, e.toString());
        }
        out.sort(Comparator.comparing(Replica::predictor)
                .thenComparing(Replica::node)
                .thenComparingLong(r -> Long.parseLong(r.id())));
        return out;
    }

    /**
     * The sources to read for {@code node} and {@code replica} (null: every one), each prefixed
     * {@code [NODE/replica-ID]} ({@code [PREDICTOR/NODE/replica-ID]} when the deployment has several predictors).
     */
    public List<LogTail.Source> sources(
            String namespace, String name, @Nullable String node, @Nullable String replica) {
        final List<Replica> all = replicas(namespace, name);
        final boolean predictors =
                all.stream().map(Replica::predictor).distinct().count() > 1;
        return all.stream()
                .filter(r -> node == null || r.node().equals(node))
                .filter(r -> replica == null || r.id().equals(replica))
                .map(r -> new LogTail.Source(
                        r.file(),
                        "[" + (predictors ? r.predictor() + "/" : "") + r.node() + "/replica-" + r.id() + "]"))
                .toList();
    }

    /** Predictor, node and id from the file's header line (the file name alone cannot split PREDICTOR-NODE). */
    private static Replica identify(Path file, String base, String id) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final String first = r.readLine();
            final Matcher m = first == null ? null : HEADER.matcher(first);
            if (m != null && m.find()) {
                return new Replica(file, m.group(1), m.group(2), m.group(3));
            }
        } catch (IOException e) {
            LOG.debug("cannot read the header of {}: {}", file, e.toString());
        }
        return new Replica(file, "", base, id);
    }
}
