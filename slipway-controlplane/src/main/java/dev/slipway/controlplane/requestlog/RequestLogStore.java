package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.support.DnsLabel;
import dev.slipway.support.Mappers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * Names are DNS labels, checked here again before any path is built from them.
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

    /** Events and bytes in a deployment's current file. */
    private static final class Usage {
        final Path dir;
        /** {@code namespace/deployment}. */
        final String key;

        int events;
        long bytes;

        Usage(Path dir, String key) {
            this.dir = dir;
            this.key = key;
        }
    }

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
     * Appends lines in order, opening each deployment's file once for all of its lines (the sink's writer hands over
     * whatever arrived while it wrote the last batch) and writing through a buffer: a line counts as kept once its
     * file was closed.
     *
     * @return for each line, null when kept, else why not ({@link RefusedException}, an {@link IOException}, …)
     */
    synchronized List<@Nullable Exception> appendLines(List<Line> lines) {
        final Map<Usage, OutputStream> open = new IdentityHashMap<>();
        final List<@Nullable Exception> outcomes = new ArrayList<>(lines.size());
        final Usage[] wroteTo = new Usage[lines.size()];
        try {
            for (int i = 0; i < lines.size(); i++) {
                try {
                    wroteTo[i] = appendOne(lines.get(i), open);
                    outcomes.add(null);
                } catch (IOException | RuntimeException e) {
                    outcomes.add(e);
                }
            }
        } finally {
            open.forEach((u, out) -> {
                final IOException failed = close(u.key, out);
                for (int i = 0; failed != null && i < wroteTo.length; i++) {
                    if (wroteTo[i] == u) {
                        outcomes.set(i, failed);
                    }
                }
            });
        }
        return outcomes;
    }

    private static @Nullable IOException close(String key, OutputStream out) {
        try {
            out.close(); // flushes what was buffered
            return null;
        } catch (IOException e) {
            LOG.warn("request log of {}: writing or closing its file failed: {}", key, e.toString());
            return e;
        }
    }

    /** Appends one line to its deployment's file (opened once per batch, in {@code open}); returns the deployment. */
    private Usage appendOne(Line event, Map<Usage, OutputStream> open) throws IOException {
        final Usage u = usage(event.namespace(), event.deployment());
        final String key = u.key;
        final int length = event.length();
        if (u.events >= limits.eventsPerFile() || u.bytes + length > limits.bytesPerFile() && u.events > 0) {
            forget(key); // read again once after a rotation
            final OutputStream current = open.remove(u);
            if (current != null) {
                current.close();
            }
            // the old previous file goes first: a rename over an existing file makes ext4 write the renamed file's
            // data out at once (its guard for "replace by rename"), ~1/5 of the writer's time; a file that is
            // deleted again before the kernel writes it back costs no disk I/O at all. A crash in between leaves
            // current.jsonl alone: the events the rotation keeps
            Files.deleteIfExists(u.dir.resolve(PREVIOUS));
            Files.move(u.dir.resolve(CURRENT), u.dir.resolve(PREVIOUS), StandardCopyOption.ATOMIC_MOVE);
            u.events = 0;
            u.bytes = 0;
        }
        OutputStream out = open.get(u);
        if (out == null) {
            out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(u.dir.resolve(CURRENT), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    64 * 1024);
            open.put(u, out);
        }
        out.write(event.bytes(), event.offset(), length);
        u.events++;
        u.bytes += length;
        final Parsed p = parsed.get(key);
        if (p != null) {
            final Event kept = parse(
                    new String(event.bytes(), event.offset(), length, StandardCharsets.UTF_8).trim(),
                    event.namespace(),
                    event.deployment());
            if (kept != null) {
                p.events.add(kept);
            }
            p.currentSize += length;
            p.bytes += length;
            parsedBytes += length;
            trim();
        }
        return u;
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
            u = scan(dir.resolve(CURRENT), dir, namespace + "/" + deployment);
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

    private static Usage scan(Path file, Path dir, String key) throws IOException {
        final Usage u = new Usage(dir, key);
        if (Files.exists(file)) {
            u.bytes = Files.size(file);
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                while (r.readLine() != null) {
                    u.events++;
                }
            }
        }
        return u;
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
