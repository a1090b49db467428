package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.cli.template.TemplateFiles;
import dev.slipway.client.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Where {@code slipway repo create} takes a repository's files from besides a template ({@code --from DIR}: a bundled
 * example such as {@code examples/image-classifier-server}), and where it pushes the new repository
 * ({@code --push URL}: the git hosting of {@code slipway up}, whose release pipeline the push starts).
 */
final class RepoSources {

    /** Folders never copied: version control and build output. */
    static final Set<String> SKIPPED = Set.of(".git", "target");

    static final int MAX_FILES = 10_000;
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private RepoSources() {}

    /**
     * Every regular file under {@code from} (bytes unchanged, in path order), without {@link #SKIPPED} folders. A link
     * is refused naming it (a copy must not read outside the folder), as are more than {@link #MAX_FILES} files or
     * {@link #MAX_BYTES} bytes.
     */
    static List<TemplateFiles.RenderedFile> folder(Path from) {
        final Path root = from.toAbsolutePath().normalize();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--from " + from + ": not a folder");
        }
        final List<Path> paths = new ArrayList<>();
        final long[] bytes = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root)
                                    && SKIPPED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                        throw new IllegalArgumentException("--from " + from + ": " + root.relativize(file)
                                + " is a link or special file; copy only regular files");
                    }
                    bytes[0] += attrs.size();
                    paths.add(file);
                    if (paths.size() > MAX_FILES || bytes[0] > MAX_BYTES) {
                        throw new IllegalArgumentException("--from " + from + ": more than " + MAX_FILES + " files or "
                                + MAX_BYTES / (1024 * 1024) + " MiB");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            paths.sort(Comparator.naturalOrder());
            final List<TemplateFiles.RenderedFile> files = new ArrayList<>();
            for (final Path p : paths) {
                files.add(new TemplateFiles.RenderedFile(
                        root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p), true));
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("--from " + from + ": no files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("--from " + from + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the hosted repository {@code name} on the slipway up at {@code api}, makes it {@code origin} of
     * {@code repo} and pushes {@code main} with the real {@code git} (a token from env {@code SLIPWAY_TOKEN} goes in a
     * header for this push only, never into {@code .git/config}); returns the repository's URL.
     */
    static String push(String api, String name, Path repo) throws IOException, InterruptedException {
        final Settings settings = Settings.fromEnvironment();
        final String url;
        try {
            url = settings.client(api).createRepository(name).url();
        } catch (SlipwayException e) {
            throw new IllegalArgumentException(
                    "--push " + api + ": cannot host '" + name + "' (" + e.status() + "): " + e.getMessage(), e);
        }
        git(repo, "remote", "add", "origin", url);
        final String token = settings.env(Settings.TOKEN);
        if (token != null && !token.isBlank()) {
            // the header goes by environment (GIT_CONFIG_COUNT), never on the command line where ps shows it
            git(
                    repo,
                    java.util.Map.of(
                            "GIT_CONFIG_COUNT",
                            "1",
                            "GIT_CONFIG_KEY_0",
                            "http.extraHeader",
                            "GIT_CONFIG_VALUE_0",
                            "Authorization: Bearer " + token.strip()),
                    "push",
                    "--quiet",
                    "origin",
                    "main");
        } else {
            git(repo, "push", "--quiet", "origin", "main");
        }
        return url;
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        git(repo, java.util.Map.of(), args);
    }

    private static void git(Path repo, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().putAll(env);
        final Process p = pb.start();
        final String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            final String shown = String.join(" ", command).replaceAll("Bearer \\S+", "Bearer ***");
            throw new IllegalStateException(
                    shown + " failed: " + output.strip().replaceAll("Bearer \\S+", "Bearer ***"));
        }
    }
}
