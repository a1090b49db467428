package dev.slipway.pipeline.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.slipway.pipeline.log.RunLog;
import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The runs folder: one folder per run holding {@code run.json} (the record, every string masked, written
 * atomically by a temporary file and a rename), the logs ({@link RunLog}) and, when someone asked, a
 * {@code cancel} marker the running process watches. Readers in other processes see whole records only.
 */
public final class RunStore {

    public static final String RECORD = "run.json";
    public static final String CANCEL = "cancel";
    public static final String RUNNER = "runner.pid";
    /** The running step's process ({@link dev.slipway.pipeline.exec.StepProcessRecord}). */
    public static final String STEP_PROCESS = "step.process";

    static final ObjectMapper JSON = Mappers.json().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    /**
     * Records of ended runs as last parsed, by id, with the identity of the file they came from: listing runs parses
     * only what changed (every write is a new file renamed into place, so a rewrite has a new identity).
     */
    private final Map<String, Parsed> ended = new ConcurrentHashMap<>();

    /** A parsed record and the file it was read from (inode, modification time, size). */
    private record Parsed(@Nullable Object fileKey, FileTime modified, long size, PipelineRun run) {

        boolean sameFile(BasicFileAttributes a) {
            return Objects.equals(fileKey, a.fileKey()) && modified.equals(a.lastModifiedTime()) && size == a.size();
        }
    }

    public RunStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The folder of a run. */
    public Path dir(String id) {
        if (!id.matches("[A-Za-z0-9._-]+") || id.startsWith(".")) {
            throw new IllegalArgumentException("'" + id + "' is not a run id");
        }
        return root.resolve(id);
    }

    /** Writes the record, with every string in it masked. */
    public void save(PipelineRun run, SecretMasker masker) {
        Path dir = dir(run.id());
        try {
            Files.createDirectories(dir);
            JsonNode tree = JSON.valueToTree(run);
            maskStrings(tree, masker);
            AtomicFiles.write(
                    dir.resolve(RECORD), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run " + run.id() + " in " + dir, e);
        }
    }

    /** Masks every string value and key of a JSON tree in place. */
    static void maskStrings(JsonNode node, SecretMasker masker) {
        if (masker.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                JsonNode masked = v.isTextual() ? TextNode.valueOf(masker.mask(v.asText())) : v;
                maskStrings(masked, masker);
                o.remove(name);
                o.set(masker.mask(name), masked);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(masker.mask(a.get(i).asText())));
                } else {
                    maskStrings(a.get(i), masker);
                }
            }
        }
    }

    /** The run with this id, or with this unique id prefix. */
    public Optional<PipelineRun> find(String idOrPrefix) {
        if (idOrPrefix.matches("[A-Za-z0-9._-]+")
                && Files.exists(root.resolve(idOrPrefix).resolve(RECORD))) {
            return Optional.of(record(idOrPrefix));
        }
        List<String> matches =
                ids().stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.size() > 1) {
            throw new IllegalArgumentException(
                    "'" + idOrPrefix + "' matches " + matches.size() + " runs: " + String.join(", ", matches));
        }
        return matches.isEmpty() ? Optional.empty() : Optional.of(record(matches.get(0)));
    }

    /** Every run, newest first. */
    public List<PipelineRun> list() {
        final List<String> ids = ids();
        ended.keySet().retainAll(new java.util.HashSet<>(ids));
        return ids.stream().map(this::record).toList();
    }

    /** The record of run {@code id}: an ended run's from memory while its file is unchanged, else read and parsed. */
    private PipelineRun record(String id) {
        final Path file = root.resolve(id).resolve(RECORD);
        final BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run record " + file + ": " + e.getMessage(), e);
        }
        final Parsed known = ended.get(id);
        if (known != null && known.sameFile(attributes)) {
            return known.run();
        }
        final PipelineRun run = read(file);
        if (run.isDone()) {
            ended.put(id, new Parsed(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), run));
        } else {
            ended.remove(id);
        }
        return run;
    }

    private List<String> ids() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve(RECORD)))
                    .map(p -> p.getFileName().toString())
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list runs in " + root, e);
        }
    }

    /** Parses a run record ({@code run.json}, as the store writes it and the server serves it). */
    public static PipelineRun parseRecord(byte[] json) {
        try {
            return JSON.readValue(json, PipelineRun.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a run record: " + e.getMessage(), e);
        }
    }

    private static PipelineRun read(Path file) {
        try {
            return JSON.readValue(file.toFile(), PipelineRun.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Asks the process running this run to cancel it. */
    public void requestCancel(String id) {
        try {
            Files.writeString(dir(id).resolve(CANCEL), "cancel requested\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark run " + id + " for cancellation", e);
        }
    }

    public boolean isCancelRequested(String id) {
        return Files.exists(dir(id).resolve(CANCEL));
    }

    /** Records which process runs the run (so others can tell a run whose runner died from a live one). */
    public void markRunner(String id, long pid) {
        try {
            long start = ProcessHandle.of(pid)
                    .flatMap(h -> h.info().startInstant())
                    .map(java.time.Instant::toEpochMilli)
                    .orElse(0L);
            AtomicFiles.writeString(dir(id).resolve(RUNNER), pid + " " + start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the runner of run " + id, e);
        }
    }

    /**
     * Whether the process that runs this run is alive; false when it ended (or never said who it was), so a
     * run that is not done will never finish by itself.
     */
    public boolean runnerAlive(String id) {
        try {
            String[] f = Files.readString(dir(id).resolve(RUNNER)).trim().split(" ");
            long pid = Long.parseLong(f[0]);
            long start = f.length > 1 ? Long.parseLong(f[1]) : 0;
            // the start time tells the runner from a later process that reused its pid (a restarted server, say)
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(h -> start == 0
                            || h.info()
                                    .startInstant()
                                    .map(i -> i.toEpochMilli() == start)
                                    .orElse(true))
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The combined log file of a run. */
    public Path log(String id) {
        return dir(id).resolve(RunLog.COMBINED);
    }
}
