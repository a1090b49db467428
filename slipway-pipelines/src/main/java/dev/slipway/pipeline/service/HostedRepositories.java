package dev.slipway.pipeline.service;

import dev.slipway.pipeline.exec.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Model repositories Slipway hosts: bare repositories {@code ROOT/NAME.git} (default branch {@code main},
 * pushes over HTTP allowed), created with the {@code git} command line.
 */
public final class HostedRepositories {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path root;
    private final Git git;

    public HostedRepositories(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    public Path root() {
        return root;
    }

    /** Checks a repository name (letters, digits, {@code . _ -}; no {@code .git} suffix, no path). */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.endsWith(".git") || name.contains("..")) {
            throw new IllegalArgumentException(
                    "repository name '" + name + "' is not valid: letters, digits, . _ - (at most 100)");
        }
        return name;
    }

    /** True when {@code name} is a valid repository name. */
    public static boolean valid(String name) {
        return NAME.matcher(name).matches() && !name.endsWith(".git") && !name.contains("..");
    }

    /** The bare repository's folder. */
    public Path dir(String name) {
        return root.resolve(checkName(name) + ".git");
    }

    public boolean exists(String name) {
        return Files.isRegularFile(dir(name).resolve("HEAD"));
    }

    /** Creates an empty repository; an existing one is an error. */
    public Path create(String name) {
        Path dir = dir(name);
        if (exists(name)) {
            throw new IllegalStateException("repository " + name + " already exists");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        git.run(null, "init", "--quiet", "--bare", "-b", "main", dir.toString());
        git.run(dir, "config", "http.receivepack", "true");
        return dir;
    }

    public List<String> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".git"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(this::exists)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Branch name to commit id. */
    public Map<String, String> branches(String name) {
        Map<String, String> out = new TreeMap<>();
        String refs = git.run(dir(name), "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads/");
        for (String line : refs.split("\n")) {
            int sp = line.lastIndexOf(' ');
            if (sp > 0) {
                out.put(line.substring(0, sp), line.substring(sp + 1));
            }
        }
        return out;
    }

    /** The branch HEAD points at (the default branch). */
    public String defaultBranch(String name) {
        return git.run(dir(name), "symbolic-ref", "--short", "HEAD");
    }
}
