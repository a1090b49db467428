package dev.slipway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.support.Mappers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Parse: each manifest file into a validated {@link Manifest}. Relative paths ({@code ../artifacts/<sha>},
 * {@code ./model}) resolve inside the repository at the same revision and are exported, named by their git
 * object id, under {@code objects/}, so an unchanged model keeps the same URI (no needless rolling update). A
 * file that cannot be used only marks its own application ({@code ParseFailed}, stalling: the last good version
 * keeps serving until main changes); files of other kinds are skipped.
 */
final class ParseStep implements SubReconciler {

    private static final ObjectMapper YAML = Mappers.yaml();
    private static final ObjectMapper JSON = Mappers.json();

    private final GitOpsRepository repo;
    private final SpecParser parser;
    private final Path objects;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> parsers = new java.util.HashMap<>();

    ParseStep(GitOpsRepository repo, SpecParser parser, Path objects) {
        this.repo = repo;
        this.parser = parser;
        this.objects = objects;
    }

    @Override
    public void reconcile(ReconcileContext ctx) {
        final Map<String, String> fileOf = new java.util.HashMap<>();
        ctx.files.forEach((file, blob) -> {
            final String key = ctx.revision.name() + ":" + file;
            final Object parsed = cache.computeIfAbsent(key, k -> parse(ctx, file, blob));
            if (parsed == null) {
                return; // another kind
            }
            if (parsed instanceof String problem) {
                ctx.invalid.put(file, problem);
                return;
            }
            final Manifest m = (Manifest) parsed;
            final String name = m.deployment().name();
            final Optional<String> ns = m.deployment().namespace();
            if (ns.isPresent() && !ns.get().equals(ctx.env.namespace())) {
                ctx.invalid.put(
                        file,
                        file + ": metadata.namespace: is '" + ns.get() + "' but environment '" + ctx.env.name()
                                + "' deploys to namespace '" + ctx.env.namespace() + "'");
            } else if (fileOf.containsKey(name)) {
                ctx.invalid.put(
                        file,
                        file + ": metadata.name: deployment '" + name + "' is already defined by " + fileOf.get(name));
            } else {
                fileOf.put(name, file);
                ctx.desired.put(
                        name,
                        new ReconcileContext.Desired(
                                name, file, m, digest(ctx.env.namespace() + "\n" + m.resolvedJson())));
            }
        });
        if (cache.size() > 2000) {
            cache.clear();
        }
    }

    /** The parser knowing the servers registry ({@code servers.yaml}) at {@code revision}, or why it is unusable. */
    private synchronized Object parserAt(ObjectId revision) {
        return parsers.computeIfAbsent(revision.name(), r -> {
            if (parsers.size() > 50) {
                parsers.clear();
            }
            try {
                return parser.withServers(Servers.read(repo, revision));
            } catch (SpecException e) {
                return e.getMessage();
            }
        });
    }

    private Object parse(ReconcileContext ctx, String file, ObjectId blob) {
        final String text = new String(repo.trees().blob(blob), StandardCharsets.UTF_8);
        if (otherKind(text)) {
            return null;
        }
        final String source = file + "@" + ctx.shortRevision();
        final String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        final Object atRevision = parserAt(ctx.revision);
        final SpecParser p = atRevision instanceof SpecParser sp ? sp : parser;
        try {
            return p.parseResolving(text, source, rel -> resolve(ctx.revision, dir, rel));
        } catch (SpecException e) {
            return atRevision instanceof String problem
                    ? e.getMessage() + " (the servers registry is unusable: " + problem + ")"
                    : e.getMessage();
        }
    }

    private static boolean otherKind(String text) {
        try {
            final JsonNode n = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
            return n != null
                    && n.path("kind").isTextual()
                    && !n.path("kind").asText().equals("SeldonDeployment");
        } catch (Exception e) {
            return false; // the parser reports it with a position
        }
    }

    /** The exported copy of the repository path {@code rel} (relative to {@code dir}) at {@code revision}. */
    private Path resolve(ObjectId revision, String dir, String rel) {
        return repo.trees().exportRelative(revision, dir, rel, objects);
    }

    static String digest(String text) {
        return dev.slipway.support.Digests.sha256Hex(text);
    }
}
