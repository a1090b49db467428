package dev.slipway.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.testing.TestRepo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link GitHttpBackend} (issue 13): a fetch's answer is streamed from {@code git http-backend}, never
 * collected whole — a pack many times larger than what the backend holds in memory arrives whole, read piece by piece.
 */
class GitHttpBackendTest {

    private static final long HELD = 1 << 20; // what the backend may hold in memory: far less than the pack

    @TempDir
    Path tmp;

    @Test
    void fetch_ofAPackLargerThanWhatIsHeldInMemory_isStreamedWhole() throws Exception {
        Git git = new Git();
        HostedRepositories repos = new HostedRepositories(tmp.resolve("git"), git);
        Path bare = repos.create("big");
        TestRepo work = TestRepo.init(tmp.resolve("work"));
        byte[] noise = new byte[8 << 20]; // random: the pack cannot compress it below 8 MiB
        new Random(13).nextBytes(noise);
        Files.write(work.dir().resolve("model.bin"), noise);
        String commit = work.commit("a large model");
        git.run(work.dir(), "push", "--quiet", bare.toString(), "main");

        byte[] want = ("0032want " + commit + "\n" + "0000" + "0009done\n").getBytes(StandardCharsets.US_ASCII);
        GitHttpBackend backend = new GitHttpBackend(repos, "git", HELD, GitHttpBackend.MAX_REQUEST, 600);
        GitHttpBackend.Response r = backend.serve(new GitHttpBackend.Request(
                "POST", "big", "git-upload-pack", "", "application/x-git-upload-pack-request", null, want, "tester"));

        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "application/x-git-upload-pack-result");
        assertThat(r.stream()).as("a fetch's answer is streamed").isNotNull();
        long total = 0;
        byte[] head = new byte[12];
        try (InputStream in = r.stream()) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
            total += head.length;
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("0008NAK\nPACK");
        assertThat(total).isGreaterThan(noise.length).isGreaterThan(HELD * 8);
    }
}
