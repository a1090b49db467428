package dev.slipway.controlplane.security;

import static dev.slipway.testing.GitCli.git;
import static dev.slipway.testing.GitCli.hostedUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.testing.GitCli;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 11 of issue 13: git push bodies are streamed to {@code git http-backend} after the token and the repository
 * are checked, never held whole: a large push works, a push over {@value ControlPlane#MAX_PUSH} is refused and leaves
 * nothing, and a request that declares a huge body is answered 413 before a byte of it is read.
 */
class GitPushSecurityTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private String developer;

    private void start(Map<String, String> env) {
        LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> List.of("false"));
        plane = new ControlPlane(new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 1)
                        .withEnvironment(env)
                        .withAuth(true))
                .start();
        developer = plane.tokens().create("erin", Role.DEVELOPER);
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    /** A hosted repository {@code name} and a work tree with one commit holding {@code size} random bytes. */
    private Path repositoryWith(String name, int size) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + plane.apiPort() + "/api/v1/repositories"))
                                .header("Authorization", "Bearer " + developer)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Path work = GitCli.init(tmp.resolve(name));
        byte[] noise = new byte[size];
        new Random(11).nextBytes(noise); // incompressible: the pack is as large as the file
        Files.write(work.resolve("weights.bin"), noise);
        git(work, "add", "-A");
        git(work, "commit", "-qm", "weights");
        return work;
    }

    @Test
    void largePush_isStreamed_andArrivesWhole() throws Exception {
        start(Map.of());
        Path work = repositoryWith("big", 40 << 20);

        GitCli.Result push = git(
                work,
                "-c",
                "http.postBuffer=1048576",
                "push",
                "-q",
                hostedUrl(plane.apiPort(), "erin", developer, "big"),
                "HEAD:main");

        assertThat(push.code()).as(push.output()).isZero();
        String head = git(work, "rev-parse", "HEAD").output().strip();
        assertThat(git(work, "ls-remote", hostedUrl(plane.apiPort(), "erin", developer, "big"), "main")
                        .output())
                .startsWith(head);
    }

    @Test
    void pushOverTheLimit_isRefused_andLeavesNothing() throws Exception {
        start(Map.of(ControlPlane.MAX_PUSH, Integer.toString(1 << 20)));
        Path work = repositoryWith("capped", 4 << 20);

        GitCli.Result chunked = git(
                work,
                "-c",
                "http.postBuffer=65536",
                "push",
                "-q",
                hostedUrl(plane.apiPort(), "erin", developer, "capped"),
                "HEAD:main");
        GitCli.Result declared = git(
                work,
                "-c",
                "http.postBuffer=67108864",
                "push",
                "-q",
                hostedUrl(plane.apiPort(), "erin", developer, "capped"),
                "HEAD:main");

        assertThat(chunked.code()).as(chunked.output()).isNotZero();
        assertThat(declared.code()).as(declared.output()).isNotZero();
        assertThat(declared.output()).contains("413");
        assertThat(git(work, "ls-remote", "--heads", hostedUrl(plane.apiPort(), "erin", developer, "capped"))
                        .output())
                .doesNotContain("refs/heads/main");
        // the server still serves
        assertThat(git(work, "ls-remote", hostedUrl(plane.apiPort(), "erin", developer, "capped"))
                        .code())
                .isZero();
    }

    @Test
    void declaredHugeBody_is413_beforeItIsSent_andAnUnknownRepository404() throws Exception {
        start(Map.of());
        repositoryWith("iris", 16);
        String huge =
                "POST /git/iris.git/git-receive-pack HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + developer
                        + "\r\nContent-Type: application/x-git-receive-pack-request\r\nContent-Length: 10737418240\r\n\r\n";
        assertThat(rawHead(huge)).startsWith("HTTP/1.1 413");
        assertThat(rawHead(huge.replace("/git/iris.git", "/git/nope.git"))).startsWith("HTTP/1.1 404");
        assertThat(rawHead(huge.replace(developer, "slw_wrong"))).startsWith("HTTP/1.1 401");
    }

    /** Sends only {@code head} (no body) and reads the status line the server answers with. */
    private String rawHead(String head) throws Exception {
        try (Socket s = new Socket("127.0.0.1", plane.apiPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }
}
