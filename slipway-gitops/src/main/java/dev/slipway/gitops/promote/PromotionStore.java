package dev.slipway.gitops.promote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;

/**
 * Promotion requests kept in the GitOps repository itself: {@code refs/slipway/promotions/<id>} points at a
 * commit whose tree holds {@code request.json}; every change is a new commit on that ref (its history is the
 * request's audit trail), written with compare-and-swap, so the record travels with the repository.
 */
public final class PromotionStore {

    /** The ref prefix of promotion records. */
    public static final String PREFIX = "refs/slipway/promotions/";

    private static final String FILE = "request.json";

    private final GitOpsRepository repo;
    private final ObjectMapper json = Mappers.json().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Requests as parsed, by their record commit: a commit never changes, so listing requests reads only the records
     * that changed since the last list (the most recent {@value #KEPT} are kept).
     */
    private final Map<ObjectId, PromotionRequest> parsed = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<ObjectId, PromotionRequest>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<ObjectId, PromotionRequest> eldest) {
                    return size() > KEPT;
                }
            });

    private static final int KEPT = 4096;

    public PromotionStore(GitOpsRepository repo) {
        this.repo = Objects.requireNonNull(repo, "repo");
    }

    /** A stored request with the record commit it was read from (the expected value of the next update). */
    public record Stored(PromotionRequest request, ObjectId recordCommit) {}

    /** The request {@code id}. */
    public Optional<Stored> load(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        return repo.ref(PREFIX + id).map(this::read);
    }

    private Stored read(ObjectId commit) {
        final PromotionRequest known = parsed.get(commit);
        if (known != null) {
            return new Stored(known, commit);
        }
        final Stored stored = parse(commit);
        parsed.put(commit.copy(), stored.request());
        return stored;
    }

    private Stored parse(ObjectId commit) {
        final byte[] bytes = repo.trees()
                .read(commit, FILE)
                .orElseThrow(() -> new IllegalStateException("promotion record " + commit.name() + " has no " + FILE));
        try {
            return new Stored(json.readValue(bytes, PromotionRequest.class), commit);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable promotion record " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    /** Every request, newest first. */
    public List<PromotionRequest> list() {
        final List<PromotionRequest> all = new ArrayList<>();
        for (final Ref r : repo.refs(PREFIX)) {
            all.add(read(r.getObjectId()).request());
        }
        all.sort(Comparator.comparing(PromotionRequest::createdAt).reversed().thenComparing(PromotionRequest::id));
        return all;
    }

    /**
     * Writes {@code request} as the next version after {@code previous} (null: a new record).
     *
     * @throws dev.slipway.gitops.repo.RefConflictException when someone else updated it first
     */
    public ObjectId save(PromotionRequest request, ObjectId previous, PersonIdent who) {
        final byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        final ObjectId tree = repo.buildTree(null, List.of(new TreeEdit.Put(FILE, bytes)));
        final ObjectId commit = repo.commit(
                tree,
                previous == null ? List.of() : List.of(previous),
                "promotion " + request.id() + ": " + request.state().name().toLowerCase(java.util.Locale.ROOT) + "\n",
                who);
        repo.updateRef(PREFIX + request.id(), previous, commit);
        return commit;
    }
}
