package dev.slipway.gitops.repo;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The GitOps repository through JGit. A local bare repository is used in place: refs are updated with
 * compare-and-swap ({@link RefUpdate} with the expected old id), so concurrent writers, also other processes and
 * the {@code git} CLI, never lose a commit. A remote one is mirrored into a local bare cache ({@link #fetch()}
 * brings {@code refs/heads/*} and {@code refs/slipway/*}); updates are pushed with the expected old id
 * ({@code REJECTED_REMOTE_CHANGED} is a lost race), then recorded in the mirror. Reading is in {@link Trees}.
 */
public final class GitOpsRepository implements AutoCloseable {

    /** The branch every environment follows. */
    public static final String MAIN = "refs/heads/main";

    private final GitOpsLocation location;
    private final Repository repo;
    private final Trees trees;

    private GitOpsRepository(GitOpsLocation location, Repository repo) {
        this.location = location;
        this.repo = repo;
        this.trees = new Trees(repo);
    }

    /**
     * A local GitOps repository over any JGit repository (tests use JGit's {@code InMemoryRepository});
     * {@code name} is how messages call it.
     */
    public static GitOpsRepository over(Repository repository, String name) {
        final GitOpsLocation location = new GitOpsLocation(name, null, null);
        if (location.remote()) {
            throw new IllegalArgumentException(name + ": a name, not a URL");
        }
        return new GitOpsRepository(location, repository);
    }

    /**
     * Opens the repository at {@code location}; a remote one is mirrored under {@code cacheRoot} and fetched.
     *
     * @throws GitOpsException when it is not a git repository or cannot be reached
     */
    public static GitOpsRepository open(GitOpsLocation location, Path cacheRoot) {
        try {
            if (!location.remote()) {
                final Path dir = location.folder();
                final FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
                if (Files.isDirectory(dir.resolve(".git"))) {
                    b.setGitDir(dir.resolve(".git").toFile());
                } else {
                    b.setGitDir(dir.toFile());
                }
                final Repository r = b.build();
                if (!r.getObjectDatabase().exists()) {
                    r.close();
                    throw new GitOpsException(
                            location + " is not a git repository (run 'slipway gitops init " + location + "')");
                }
                return new GitOpsRepository(location, r);
            }
            final Path mirror = cacheRoot.resolve("mirrors").resolve(digest(location.spec()) + ".git");
            final Repository r;
            if (Files.isDirectory(mirror.resolve("objects"))) {
                r = new FileRepositoryBuilder()
                        .setGitDir(mirror.toFile())
                        .setMustExist(true)
                        .build();
            } else {
                Files.createDirectories(mirror.getParent());
                r = Git.init()
                        .setBare(true)
                        .setInitialBranch("main")
                        .setGitDir(mirror.toFile())
                        .setDirectory(mirror.toFile())
                        .call()
                        .getRepository();
            }
            final GitOpsRepository g = new GitOpsRepository(location, r);
            g.fetch();
            return g;
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            throw new GitOpsException(
                    location + " is not a git repository (run 'slipway gitops init " + location + "')", e);
        } catch (IOException | GitAPIException e) {
            throw new GitOpsException("cannot open the GitOps repository " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a bare repository in {@code dir} whose {@code main} holds {@code environments.yaml} and an empty
     * folder (a {@code .gitkeep}) per environment.
     *
     * @throws GitOpsException when {@code dir} already holds something
     */
    public static void init(Path dir, Environments environments, PersonIdent who) {
        try {
            if (Files.exists(dir)
                    && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new GitOpsException(dir + " already exists and is not empty");
            }
            try (Repository r = Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(dir.toFile())
                    .call()
                    .getRepository()) {
                final GitOpsRepository g = new GitOpsRepository(new GitOpsLocation(dir.toString(), null, null), r);
                final List<TreeEdit> edits = new ArrayList<>();
                edits.add(new TreeEdit.Put(
                        Environments.FILE, environments.toYaml().getBytes(StandardCharsets.UTF_8)));
                for (final Environment e : environments.environments()) {
                    edits.add(new TreeEdit.Put(e.prefix() + ".gitkeep", new byte[0]));
                }
                final ObjectId tree = g.buildTree(null, edits);
                final ObjectId commit = g.commit(
                        tree,
                        List.of(),
                        CommitMessage.of(
                                        "Repository created",
                                        "GitOps repository with environments "
                                                + String.join(
                                                        ", ",
                                                        environments.environments().stream()
                                                                .map(Environment::name)
                                                                .toList()),
                                        who.getName(),
                                        who.getEmailAddress())
                                .format(),
                        who);
                g.updateRef(MAIN, null, commit);
            }
        } catch (IOException | GitAPIException e) {
            throw new GitOpsException("cannot create a repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    public GitOpsLocation location() {
        return location;
    }

    /** JGit's repository (the mirror for a remote). */
    public Repository git() {
        return repo;
    }

    /** Reading trees, files, logs and diffs. */
    public Trees trees() {
        return trees;
    }

    /** True when this repository is remote (reads need {@link #fetch()} to see new commits). */
    public boolean remote() {
        return location.remote();
    }

    /** Brings the remote's branches and Slipway refs into the mirror (no-op for a local repository). */
    public synchronized void fetch() {
        if (!location.remote()) {
            return;
        }
        try (Transport t = transport()) {
            final FetchResult r = t.fetch(
                    org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE,
                    List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/slipway/*:refs/slipway/*")));
            Objects.requireNonNull(r);
        } catch (IOException e) {
            throw new GitOpsException("cannot fetch " + location + ": " + e.getMessage(), e);
        }
    }

    private Transport transport() throws IOException {
        try {
            final Transport t = Transport.open(repo, new URIish(location.spec()));
            if (location.user() != null || location.token() != null) {
                t.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                        location.user() == null ? "token" : location.user(),
                        location.token() == null ? "" : location.token()));
            }
            t.setTimeout(60);
            return t;
        } catch (URISyntaxException e) {
            throw new IOException("not a git URL: " + location, e);
        }
    }

    /** The id a ref points at. */
    public Optional<ObjectId> ref(String name) {
        try {
            final Ref r = repo.exactRef(name);
            return Optional.ofNullable(r == null ? null : r.getObjectId());
        } catch (IOException e) {
            throw new GitOpsException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** The id {@code main} points at. */
    public ObjectId main() {
        return ref(MAIN).orElseThrow(() -> new GitOpsException(location + " has no branch 'main'"));
    }

    /** Every ref under {@code prefix} ({@code refs/slipway/promotions/}). */
    public List<Ref> refs(String prefix) {
        try {
            return repo.getRefDatabase().getRefsByPrefix(prefix);
        } catch (IOException e) {
            throw new GitOpsException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves {@code name} from {@code expected} (null: must not exist) to {@code next}, atomically.
     *
     * @throws RefConflictException when the ref is not at {@code expected} any more
     */
    public void updateRef(String name, ObjectId expected, ObjectId next) {
        if (location.remote()) {
            push(name, expected, next);
        }
        try {
            final RefUpdate u = repo.updateRef(name);
            if (!location.remote()) {
                // the mirror just follows what the remote accepted
                u.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
            }
            u.setNewObjectId(next);
            u.setForceUpdate(location.remote());
            u.setRefLogMessage("slipway", false);
            final RefUpdate.Result result = u.update();
            switch (result) {
                case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {}
                case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT, REJECTED_OTHER_REASON ->
                    throw new RefConflictException(name + " moved while it was being updated (" + result + ")");
                default -> throw new GitOpsException("cannot update " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new GitOpsException("cannot update " + name + ": " + e.getMessage(), e);
        }
    }

    private void push(String name, ObjectId expected, ObjectId next) {
        try (Transport t = transport()) {
            final RemoteRefUpdate update = new RemoteRefUpdate(
                    repo, (String) null, next, name, false, null, expected == null ? ObjectId.zeroId() : expected);
            final PushResult result = t.push(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE, List.of(update));
            final RemoteRefUpdate.Status status = result.getRemoteUpdate(name).getStatus();
            switch (status) {
                case OK, UP_TO_DATE -> {}
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
                    throw new RefConflictException(name + " moved on " + location + " while it was being updated");
                default ->
                    throw new GitOpsException("push of " + name + " to " + location + " failed: " + status
                            + (result.getRemoteUpdate(name).getMessage() == null
                                    ? ""
                                    : " " + result.getRemoteUpdate(name).getMessage()));
            }
        } catch (IOException e) {
            throw new GitOpsException("cannot push " + name + " to " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tree of {@code base} (a commit; null: empty) with {@code edits} applied: deletions first, then files.
     */
    public ObjectId buildTree(ObjectId base, List<TreeEdit> edits) {
        final DirCache dc = DirCache.newInCore();
        try (ObjectInserter ins = repo.newObjectInserter();
                ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            if (base != null) {
                final DirCacheBuilder b = dc.builder();
                b.addTree(
                        new byte[0],
                        DirCacheEntry.STAGE_0,
                        reader,
                        walk.parseCommit(base).getTree());
                b.finish();
            }
            final DirCacheEditor deletes = dc.editor();
            for (final TreeEdit e : edits) {
                if (e instanceof TreeEdit.Delete d) {
                    deletes.add(new DirCacheEditor.DeletePath(d.path()));
                } else if (e instanceof TreeEdit.DeleteTree d) {
                    deletes.add(new DirCacheEditor.DeleteTree(d.path()));
                }
            }
            deletes.finish();
            final DirCacheEditor puts = dc.editor();
            for (final TreeEdit e : edits) {
                final ObjectId blob;
                if (e instanceof TreeEdit.Put p) {
                    blob = ins.insert(Constants.OBJ_BLOB, p.content());
                } else if (e instanceof TreeEdit.PutBlob p) {
                    blob = p.blob();
                } else {
                    continue;
                }
                puts.add(new DirCacheEditor.PathEdit(e.path()) {
                    @Override
                    public void apply(DirCacheEntry ent) {
                        ent.setFileMode(FileMode.REGULAR_FILE);
                        ent.setObjectId(blob);
                    }
                });
            }
            puts.finish();
            final ObjectId tree = dc.writeTree(ins);
            ins.flush();
            return tree;
        } catch (IOException e) {
            throw new GitOpsException("cannot build a tree: " + e.getMessage(), e);
        }
    }

    /** Writes a commit object (no ref moves). */
    public ObjectId commit(ObjectId tree, List<ObjectId> parents, String message, PersonIdent author) {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            final CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            cb.setParentIds(parents);
            cb.setAuthor(author);
            cb.setCommitter(author);
            cb.setMessage(message);
            final ObjectId id = ins.insert(cb);
            ins.flush();
            return id;
        } catch (IOException e) {
            throw new GitOpsException("cannot write a commit: " + e.getMessage(), e);
        }
    }

    /** The commit {@code id}. */
    public RevCommit parse(ObjectId id) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new GitOpsException("no commit " + id.name() + " in " + location, e);
        }
    }

    /** A revision as written by a user ({@code 1a2b3c4}, {@code main~2}, a full id). */
    public Optional<ObjectId> resolve(String revision) {
        try {
            final ObjectId id = repo.resolve(revision + "^{commit}");
            return Optional.ofNullable(id);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when {@code ancestor} is {@code descendant} or one of its ancestors. */
    public boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        } catch (IOException e) {
            throw new GitOpsException("cannot compare " + ancestor.name() + " and " + descendant.name(), e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
