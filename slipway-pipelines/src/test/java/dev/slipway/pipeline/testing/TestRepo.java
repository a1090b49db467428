package dev.slipway.pipeline.testing;

import dev.slipway.pipeline.exec.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real git repository made with the {@code git} command line in a temporary folder. */
public final class TestRepo {

    private final Path dir;
    private final Git git = new Git();

    private TestRepo(Path dir) {
        this.dir = dir;
    }

    /** {@code git init -b main} in {@code dir}. */
    public static TestRepo init(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestRepo r = new TestRepo(dir);
        r.git.run(dir, "init", "--quiet", "-b", "main");
        r.git.run(dir, "config", "user.email", "ds@example.com");
        r.git.run(dir, "config", "user.name", "Data Scientist");
        r.git.run(dir, "config", "commit.gpgsign", "false");
        return r;
    }

    public TestRepo write(String path, String content) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return this;
    }

    /** Commits everything; returns the new commit id. */
    public String commit(String message) {
        git.run(dir, "add", "-A");
        git.run(dir, "commit", "--quiet", "-m", message);
        return head();
    }

    public String head() {
        return git.run(dir, "rev-parse", "HEAD");
    }

    public void branch(String name) {
        git.run(dir, "checkout", "--quiet", "-b", name);
    }

    public Path dir() {
        return dir;
    }
}
