package dev.slipway.gitops.repo;

import dev.slipway.support.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what a revision holds: files, folders, history and diffs. */
public final class Trees {

    private static final Logger LOG = LoggerFactory.getLogger(Trees.class);

    /** A tree entry: a file (blob) or a folder (tree). */
    public record Entry(String path, ObjectId id, boolean folder) {}

    /** The largest file read into memory. */
    public static final int MAX_FILE = 64 * 1024 * 1024;

    private final Repository repo;

    Trees(Repository repo) {
        this.repo = repo;
    }

    /** The entry at {@code path} in {@code commit}. */
    public Optional<Entry> entry(ObjectId commit, String path) {
        try (RevWalk walk = new RevWalk(repo)) {
            final RevTree tree = walk.parseCommit(commit).getTree();
            if (path.isEmpty()) {
                return Optional.of(new Entry("", tree, true));
            }
            try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
                if (tw == null) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(path, tw.getObjectId(0), tw.getFileMode(0) == FileMode.TREE));
            }
        } catch (IOException e) {
            throw new GitOpsException("cannot read " + path + " at " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of the file at {@code path} in {@code commit}. */
    public Optional<byte[]> read(ObjectId commit, String path) {
        return entry(commit, path).filter(e -> !e.folder()).map(e -> blob(e.id()));
    }

    /** The bytes of a blob. */
    public byte[] blob(ObjectId id) {
        try (ObjectReader r = repo.newObjectReader()) {
            return r.open(id).getCachedBytes(MAX_FILE);
        } catch (IOException e) {
            throw new GitOpsException("cannot read object " + id.name() + ": " + e.getMessage(), e);
        }
    }

    /** Files directly in {@code folder} (not recursive), by path, in name order. */
    public Map<String, ObjectId> files(ObjectId commit, String folder) {
        return walk(commit, folder, false).stream()
                .filter(e -> !e.folder())
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.path(), e.id()), Map::putAll);
    }

    /** Every file under {@code folder}, recursively, in path order. */
    public List<Entry> walk(ObjectId commit, String folder, boolean recursive) {
        final List<Entry> out = new ArrayList<>();
        final Optional<Entry> start = entry(commit, folder);
        if (start.isEmpty() || !start.get().folder()) {
            return out;
        }
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(start.get().id());
            tw.setRecursive(recursive);
            final String prefix = folder.isEmpty() ? "" : folder + "/";
            while (tw.next()) {
                out.add(new Entry(prefix + tw.getPathString(), tw.getObjectId(0), tw.getFileMode(0) == FileMode.TREE));
            }
        } catch (IOException e) {
            throw new GitOpsException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes the folder (tree) or file (blob) {@code entry} to {@code dest}, atomically: a temporary sibling is
     * filled, then renamed. An existing {@code dest} is kept (its name is its content's id).
     */
    public void export(Entry entry, Path dest) {
        if (Files.exists(dest)) {
            return;
        }
        try {
            Files.createDirectories(dest.getParent());
            final Path tmp = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".");
            try {
                if (entry.folder()) {
                    try (TreeWalk tw = new TreeWalk(repo)) {
                        tw.addTree(entry.id());
                        tw.setRecursive(true);
                        while (tw.next()) {
                            final Path f = tmp.resolve(tw.getPathString()).normalize();
                            if (!f.startsWith(tmp)) {
                                throw new GitOpsException("unsafe path " + tw.getPathString());
                            }
                            Files.createDirectories(f.getParent());
                            Files.write(f, blob(tw.getObjectId(0)));
                        }
                    }
                } else {
                    Files.write(tmp.resolve(Path.of(entry.path()).getFileName()), blob(entry.id()));
                }
                AtomicFiles.move(tmp, dest);
            } finally {
                if (Files.exists(tmp)) {
                    try (Stream<Path> s = Files.walk(tmp)) {
                        s.sorted(Comparator.reverseOrder())
                                .forEach(p -> p.toFile().delete());
                    }
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            LOG.debug("{} was exported by another reconcile first (same content)", dest);
        } catch (IOException e) {
            throw new GitOpsException("cannot export " + entry.path() + " to " + dest + ": " + e.getMessage(), e);
        }
    }

    /**
     * The exported copy (under {@code objects}, named by its git object id) of the repository path {@code rel},
     * relative to the folder {@code dir}, at {@code revision}: what a manifest's relative {@code modelUri} or classpath
     * entry points at.
     *
     * @throws IllegalArgumentException when {@code rel} points outside the repository or is not in it
     */
    public Path exportRelative(ObjectId revision, String dir, String rel, Path objects) {
        final Path root = Path.of("/");
        final Path p = root.resolve(dir).resolve(rel).normalize();
        if (!p.startsWith(root) || p.equals(root) || rel.contains("\\")) {
            throw new IllegalArgumentException("'" + rel + "' points outside the repository");
        }
        final String repoPath = root.relativize(p).toString().replace('\\', '/');
        final Trees.Entry entry = entry(revision, repoPath)
                .orElseThrow(() ->
                        new IllegalArgumentException("'" + rel + "' (" + repoPath + ") is not in the repository at "
                                + revision.abbreviate(7).name()));
        final Path dest = objects.resolve(entry.id().name());
        export(entry, dest);
        return entry.folder() ? dest : dest.resolve(p.getFileName().toString());
    }

    /** Up to {@code max} commits from {@code head} following first parents (newest first). */
    public List<RevCommit> firstParentLog(ObjectId head, int max) {
        final List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            for (final RevCommit c : walk) {
                out.add(c);
                if (out.size() >= max) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new GitOpsException("cannot walk history: " + e.getMessage(), e);
        }
        return out;
    }

    /** The paths that differ between two commits (null {@code from}: everything in {@code to}), under prefixes. */
    public List<DiffEntry> changes(ObjectId from, ObjectId to, List<String> prefixes) {
        try (DiffFormatter f = formatter(OutputStream.nullOutputStream(), prefixes);
                RevWalk walk = new RevWalk(repo)) {
            return f.scan(
                    from == null ? null : walk.parseCommit(from).getTree(),
                    walk.parseCommit(to).getTree());
        } catch (IOException e) {
            throw new GitOpsException("cannot compare revisions: " + e.getMessage(), e);
        }
    }

    /** A unified diff between two commits under {@code prefixes}. */
    public String diff(ObjectId from, ObjectId to, List<String> prefixes) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = formatter(out, prefixes);
                RevWalk walk = new RevWalk(repo)) {
            f.format(
                    from == null ? null : walk.parseCommit(from).getTree(),
                    walk.parseCommit(to).getTree());
            f.flush();
        } catch (IOException e) {
            throw new GitOpsException("cannot diff revisions: " + e.getMessage(), e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private DiffFormatter formatter(OutputStream out, List<String> prefixes) {
        final DiffFormatter f = new DiffFormatter(out);
        f.setRepository(repo);
        if (!prefixes.isEmpty()) {
            f.setPathFilter(PathFilterGroup.createFromStrings(prefixes));
        }
        return f;
    }
}
