package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A {@code slipway up} in this JVM for tests that deploy through it: the local runtime (replicas run this JVM's
 * classpath), a followed GitOps repository re-read every second, and the gateway's predictions.
 */
final class InProcessPlanes {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private InProcessPlanes() {}

    /** {@code slipway gitops init REPO --approver A…}, checked: a new GitOps repository for a test. */
    static Path gitopsInit(Path repo, String... approvers) {
        final java.util.List<String> args =
                new java.util.ArrayList<>(java.util.List.of("gitops", "init", repo.toString()));
        for (final String approver : approvers) {
            args.add("--approver");
            args.add(approver);
        }
        final Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        return repo;
    }

    /** Starts a plane with its data under {@code data}, following {@code gitops}. */
    static ControlPlane start(Path data, Path gitops) {
        final JavaServerCommand server = new JavaServerCommand(
                ProcessHandle.current().info().command().orElseThrow(),
                System.getProperty("java.class.path"),
                JavaServerCommand.SLIPWAY_MAIN,
                JavaServerCommand.DEFAULT_JVM_OPTIONS);
        final SyncConfig sync = SyncConfig.defaults(
                        new GitOpsLocation(gitops.toString(), null, null), data.resolve("gitops"))
                .withResync(Duration.ofSeconds(1));
        return new ControlPlane(new ControlPlaneConfig(LocalRuntimeConfig.defaults(data, server), "127.0.0.1", 0, 0, 2)
                        .withGitOps(sync))
                .start();
    }

    /**
     * Closes {@code plane} (when it started) and checks that it left no process behind: replicas and Python workers
     * are stopped by the time {@code close} returns, or shortly after (their exit is reaped asynchronously).
     */
    static void stop(ControlPlane plane) throws InterruptedException {
        if (plane != null) {
            plane.close();
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50); // the JVM reaps exited children asynchronously; bounded by the deadline
        }
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .map(h -> h.info().commandLine().orElse("?"))
                        .toList())
                .as("no model server and no worker is left")
                .isEmpty();
    }

    /** {@code slipway promote --env ENV --from DIR} into {@code gitops} as author {@code ci}; it must succeed. */
    static Cli.Run promote(Path gitops, String env, Path from) {
        final Cli.Run run = Cli.run(
                "promote", "--gitops", gitops.toString(), "--env", env, "--from", from.toString(), "--author", "ci");
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    /**
     * Promotes {@code from} to production, which opens a promotion request, and approves it through the plane's API
     * as {@code approver}; returns the request's id.
     */
    static String promoteAndApprove(ControlPlane plane, Path gitops, Path from, String approver) {
        final Cli.Run run = promote(gitops, "production", from);
        final String id = run.out().replaceAll("(?s).*promotion request (\\w+).*", "$1");
        final Cli.Run approve = Cli.run(
                "promotions", "approve", id, "--as", approver, "--server", "http://127.0.0.1:" + plane.apiPort());
        assertThat(approve.code()).as(approve.out() + approve.err()).isZero();
        return id;
    }

    /** {@code slipway e2e -f DEPLOY --cases CASES} with servers from {@code gitops} and images from the plane. */
    static void e2e(ControlPlane plane, Path gitops, Path deploy, Path cases) {
        final Cli.Run r = Cli.run(
                "e2e",
                "-f",
                deploy.toString(),
                "--cases",
                cases.toString(),
                "--gitops",
                gitops.toString(),
                "--artifacts",
                "http://127.0.0.1:" + plane.apiPort());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    /** POSTs a Seldon prediction to {@code deployment} in {@code namespace} through the plane's gateway. */
    static HttpResponse<String> predict(ControlPlane plane, String namespace, String deployment, String body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.gatewayPort() + "/seldon/" + namespace
                                + "/" + deployment + "/api/v1.0/predictions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code condition} holds, failing after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100); // polling what the plane serves; bounded by the deadline
        }
    }
}
