package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.support.DnsLabel;
import dev.slipway.support.Mappers;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request-log events on disk, bounded per deployment: {@code ROOT/{namespace}/{deployment}/current.jsonl} takes new
 * events (one JSON line each) until it holds {@link Limits#eventsPerFile} events or {@link Limits#bytesPerFile} bytes;
 * then it replaces {@code previous.jsonl}. So each deployment keeps at least its last {@code eventsPerFile} events
 * (when they fit the bytes) and never more than two files; at most {@link Limits#deployments} deployments are kept.
 * Names are DNS labels, checked here again before any path is built from them. Lines can be taken now and written
 * later ({@link #takeLines}, {@link PendingLines}): the files then end up exactly as if each line had been written at
 * once, but only what they keep is written; a read writes what was taken first.
 */
public final class RequestLogStore {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogStore.class);
    private static final String CURRENT = "current.jsonl";
    private static final String PREVIOUS = "previous.jsonl";

    /**
     * How much the store keeps.
     *
     * @param eventsPerFile events per file (two files per deployment)
     * @param bytesPerFile bytes per file
     * @param payloadBytes the largest payload kept (larger ones are recorded without it, marked truncated)
     * @param deployments how many deployments may have a log
     */
    public record Limits(int eventsPerFile, long bytesPerFile, int payloadBytes, int deployments) {

        /** 1,000 events or 8 MiB per file, payloads up to 256 KiB, 500 deployments. */
        public static Limits defaults() {
            return new Limits(1000, 8L * 1024 * 1024, 256 * 1024, 500);
        }
    }

    /** Why an event was refused. */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private final Path root;
    private final Limits limits;
    private final JsonMapper json = Mappers.json();
    private final EventLine eventLine = new EventLine(json);
    private final Map<Names, Usage> usage = new HashMap<>();

    /** How many bytes of files the parsed events of {@link #parsed} may stand for, all deployments together. */
    static final long PARSED_BYTES = 16L * 1024 * 1024;

    /**
     * The parsed events of the deployments read last (least recently read dropped first, at most {@link
     * #PARSED_BYTES} of files): a page of the request log then parses only what was appended since, not the whole
     * log. Kept in step by {@link #append}; checked against the current file's identity and size on every read.
     */
    private final LinkedHashMap<String, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true);

    private long parsedBytes;

    /** A deployment's events as parsed, and the current file they were read up to. */
    private static final class Parsed {
        final List<Event> events = new ArrayList<>();

        @Nullable
        Object currentKey;

        long currentSize;
        long bytes;
    }

    /** A deployment's folder and its lines not written yet (which know its current file's events and bytes). */
    private static final class Usage {
        final Path dir;
        /** {@code namespace/deployment}. */
        final String key;

        final Names names;
        final PendingLines pending;

        Usage(Path dir, String key, Names names, PendingLines pending) {
            this.dir = dir;
            this.key = key;
            this.names = names;
            this.pending = pending;
        }
    }

    /** The most bytes of lines taken and not yet written, all deployments together: more, and all are written. */
    static final long PENDING_BYTES = 32L * 1024 * 1024;

    private long pendingBytes;

    public RequestLogStore(Path root, Limits limits) {
        this.root = Objects.requireNonNull(root, "root");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Appends one event.
     *
     * @throws RefusedException when a name is not a DNS label or the store already keeps its limit of deployments
     */
    public void append(Event event) throws IOException {
        final Exception failed = appendAll(List.of(event)).get(0);
        if (failed instanceof IOException e) {
            throw e;
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
    }

    /**
     * Appends events in order, opening each deployment's file once for all of its events.
     *
     * @return for each event, null when kept, else why not ({@link RefusedException}, an {@link IOException}, …)
     */
    public synchronized List<@Nullable Exception> appendAll(List<Event> events) {
        final List<Line> lines = new ArrayList<>(events.size());
        for (final Event event : events) {
            lines.add(new Line(event.namespace(), event.deployment(), eventLine.of(event)));
        }
        return appendLines(lines);
    }

    /**
     * One event's line of {@code current.jsonl}, made by the sink's writer ({@link EventLine}).
     *
     * @param namespace its namespace (a DNS label, checked again here)
     * @param deployment its deployment (a DNS label, checked again here)
     * @param bytes holds the JSON line with its newline, {@code length} bytes from {@code offset} (the writer's buffer
     *     of a batch, {@link RingEvents.Lines}: read only while the line is appended)
     */
    record Line(String namespace, String deployment, byte[] bytes, int offset, int length) {
        Line(String namespace, String deployment, byte[] bytes) {
            this(namespace, deployment, bytes, 0, bytes.length);
        }
    }

    /**
     * Appends lines in order and writes them (with whatever {@link #takeLines} took before): a line counts as kept
     * once its file was closed.
     *
     * @return for each line, null when kept, else why not ({@link RefusedException}, an {@link IOException}, …)
     */
    synchronized List<@Nullable Exception> appendLines(List<Line> lines) {
        final List<@Nullable Exception> outcomes = takeLines(lines);
        final Map<Usage, IOException> failed = writePending();
        if (!failed.isEmpty()) {
            for (int i = 0; i < lines.size(); i++) {
                final IOException e = failed.get(taken(lines.get(i)));
                if (e != null && outcomes.get(i) == null) {
                    outcomes.set(i, e);
                }
            }
        }
        return outcomes;
    }

    /**
     * Takes lines in order, to be written by {@link #flush} (or the next {@link #appendLines}, or before a read): the
     * sink's writer hands over events in process this way, so that at a high rate only what the files keep reaches the
     * disk ({@link PendingLines}). Written at once when more than {@link #PENDING_BYTES} wait.
     *
     * @return for each line, null when taken, else why not ({@link RefusedException}, an {@link IOException}, …)
     */
    synchronized List<@Nullable Exception> takeLines(List<Line> lines) {
        final List<@Nullable Exception> outcomes = new ArrayList<>(lines.size());
        for (final Line line : lines) {
            try {
                final Usage u = usage(line.namespace(), line.deployment());
                pendingBytes -= u.pending.bytes();
                u.pending.add(line.bytes(), line.offset(), line.length());
                pendingBytes += u.pending.bytes();
                outcomes.add(null);
            } catch (IOException | RuntimeException e) {
                outcomes.add(e);
            }
        }
        if (pendingBytes > PENDING_BYTES) {
            writePending();
        }
        return outcomes;
    }

    /** Writes every line taken and not yet written (a failure is logged: the lines are lost). */
    public synchronized void flush() {
        writePending();
    }

    private @Nullable Usage taken(Line line) {
        return usage.get(new Names(line.namespace(), line.deployment()));
    }

    /** Writes every deployment's pending lines; returns the deployments whose files could not be written. */
    private Map<Usage, IOException> writePending() {
        final Map<Usage, IOException> failed = new IdentityHashMap<>();
        if (pendingBytes == 0) {
            return failed;
        }
        for (final Usage u : List.copyOf(usage.values())) {
            if (!u.pending.isEmpty()) {
                try {
                    write(u);
                } catch (IOException e) {
                    LOG.warn("request log of {}: writing its file failed: {}", u.key, e.toString());
                    failed.put(u, e);
                    usage.remove(u.names); // counted from its files again next time
                    forget(u.key);
                }
            }
        }
        pendingBytes = 0;
        return failed;
    }

    /** Writes a deployment's pending lines, keeping its parsed events (if any) in step. */
    private void write(Usage u) throws IOException {
        final PendingLines lines = u.pending;
        final Parsed p = lines.rotates() ? null : parsed.get(u.key);
        if (lines.rotates()) {
            forget(u.key); // read again once after a rotation
        }
        if (p != null) {
            final byte[] bytes = lines.array();
            for (int i = 0; i < lines.size(); i++) {
                final int from = lines.start(i);
                final int length = lines.end(i) - from;
                final Names names = u.names;
                final Event kept = parse(
                        new String(bytes, from, length, StandardCharsets.UTF_8).trim(),
                        names.namespace(),
                        names.deployment());
                if (kept != null) {
                    p.events.add(kept);
                }
                p.currentSize += length;
                p.bytes += length;
                parsedBytes += length;
            }
            trim();
        }
        lines.writeTo(u.dir, CURRENT, PREVIOUS);
    }

    /**
     * The usage of a deployment's current file: counted from the file the first time the store writes to it (its
     * names checked as DNS labels then, and its folder made), remembered afterwards (the check depends on the names'
     * text only).
     */
    private Usage usage(String namespace, String deployment) throws IOException {
        final Names names = new Names(namespace, deployment);
        Usage u = usage.get(names);
        if (u == null) {
            final Path dir = folder(namespace, deployment);
            if (!Files.isDirectory(dir) && deploymentCount() >= limits.deployments()) {
                throw new RefusedException("the request log keeps " + limits.deployments() + " deployments already");
            }
            Files.createDirectories(dir);
            u = scan(dir.resolve(CURRENT), dir, names);
            usage.put(names, u);
        }
        return u;
    }

    private record Names(String namespace, String deployment) {}

    private void forget(String key) {
        final Parsed p = parsed.remove(key);
        if (p != null) {
            parsedBytes -= p.bytes;
        }
    }

    /** Drops the least recently read deployments' parsed events while they stand for more than allowed. */
    private void trim() {
        final var it = parsed.entrySet().iterator();
        while (parsedBytes > PARSED_BYTES && it.hasNext()) {
            parsedBytes -= it.next().getValue().bytes;
            it.remove();
        }
    }

    private long deploymentCount() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long n = 0;
        try (var namespaces = Files.newDirectoryStream(root)) {
            for (final Path ns : namespaces) {
                if (Files.isDirectory(ns)) {
                    try (var deployments = Files.newDirectoryStream(ns)) {
                        for (final Path ignored : deployments) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    private Usage scan(Path file, Path dir, Names names) throws IOException {
        int events = 0;
        long bytes = 0;
        if (Files.exists(file)) {
            bytes = Files.size(file);
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                while (r.readLine() != null) {
                    events++;
                }
            }
        }
        return new Usage(
                dir,
                names.namespace() + "/" + names.deployment(),
                names,
                new PendingLines(limits.eventsPerFile(), limits.bytesPerFile(), events, bytes));
    }

    private Path folder(String namespace, String deployment) {
        if (!DnsLabel.valid(namespace) || !DnsLabel.valid(deployment)) {
            throw new RefusedException(Objects.requireNonNullElse(
                    DnsLabel.problem("namespace", namespace),
                    Objects.requireNonNullElse(DnsLabel.problem("deployment", deployment), "bad name")));
        }
        return root.resolve(namespace).resolve(deployment);
    }

    /** Every kept event of a deployment, oldest first (empty when it has none). */
    public synchronized List<Event> events(String namespace, String deployment) throws IOException {
        final Path dir = folder(namespace, deployment);
        writePending(); // what was taken is read too
        final String key = namespace + "/" + deployment;
        final Path current = dir.resolve(CURRENT);
        final BasicFileAttributes now =
                Files.exists(current) ? Files.readAttributes(current, BasicFileAttributes.class) : null;
        final Parsed known = parsed.get(key);
        if (known != null
                && now != null
                && Objects.equals(known.currentKey, now.fileKey())
                && known.currentSize == now.size()) {
            return new ArrayList<>(known.events);
        }
        forget(key); // written by someone else, rotated, or never read: read it all
        final Parsed p = new Parsed();
        for (final String name : List.of(PREVIOUS, CURRENT)) {
            final Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            final long size = Files.size(file);
            p.bytes += size;
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    final Event e = parse(line, namespace, deployment);
                    if (e != null) {
                        p.events.add(e);
                    }
                }
            }
        }
        if (now != null && p.bytes <= PARSED_BYTES) {
            p.currentKey = now.fileKey();
            p.currentSize = now.size();
            parsed.put(key, p);
            parsedBytes += p.bytes;
            trim();
        }
        return new ArrayList<>(p.events);
    }

    private @Nullable Event parse(String line, String namespace, String deployment) {
        try {
            return Event.fromJson(json.readTree(line), namespace, deployment);
        } catch (IOException | RuntimeException e) {
            LOG.warn("request log of {}/{}: skipping an unreadable line: {}", namespace, deployment, e.getMessage());
            return null;
        }
    }

    /**
     * One event as kept.
     *
     * @param time when it was made ({@code Ce-Time}, else when received)
     * @param id the prediction's puid ({@code Ce-Id})
     * @param type {@code request}, {@code response} or {@code feedback}
     * @param namespace {@code Ce-Namespace}
     * @param deployment {@code Ce-Inferenceservicename}
     * @param predictor {@code Ce-Endpoint}
     * @param node {@code Ce-Modelid}
     * @param payload the body as JSON (a string when it was not JSON), or null when truncated
     * @param truncated true when the body was larger than the store keeps
     */
    public record Event(
            Instant time,
            String id,
            String type,
            String namespace,
            String deployment,
            String predictor,
            String node,
            @Nullable JsonNode payload,
            boolean truncated) {

        static Event fromJson(JsonNode n, String namespace, String deployment) {
            final JsonNode payload = n.get("payload");
            return new Event(
                    Instant.parse(n.path("time").asText()),
                    n.path("id").asText(),
                    n.path("type").asText(),
                    namespace,
                    deployment,
                    n.path("predictor").asText(),
                    n.path("node").asText(),
                    payload == null || payload.isNull() ? null : payload,
                    n.path("truncated").asBoolean(false));
        }
    }
}
