package dev.slipway.cli.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.api.Promotion;
import dev.slipway.api.Run;
import dev.slipway.api.RunSummary;
import dev.slipway.client.ClientOptions;
import dev.slipway.client.Gateway;
import dev.slipway.client.PayloadType;
import dev.slipway.client.PredictionClient;
import dev.slipway.client.Result;
import dev.slipway.client.SlipwayClient;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.Workspace;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The whole loop on this machine, step by step: a GitOps repository (staging automatic, production by
 * approval), the control plane following it, a news-classifier model repository pushed with the real
 * {@code git} to the control plane's git hosting, its release pipeline followed live (Test, Test integration,
 * Promote), staging answering, the production promotion request and its diff, the approval by someone
 * other than the author, and production answering. Every step is bounded; the first that fails ends the
 * quickstart with a {@link QuickstartFailure} naming it. Closing stops everything it started. Once the control plane
 * runs, the quickstart talks to it as any user would: its API through {@link SlipwayClient}, its gateway through
 * {@link PredictionClient}, its git hosting with the real {@code git}.
 */
public final class Quickstart implements AutoCloseable {

    static final String MARKER = ".slipway-quickstart";
    private static final int STEPS = 9;
    private static final ObjectMapper JSON = Mappers.json();

    private final QuickstartOptions options;
    private final ModelRepositoryTemplate template;
    private final PrintWriter out;
    private final Git git = new Git("git", Duration.ofMinutes(2));
    private ControlPlane plane;
    private SlipwayClient api;
    private int step;

    public Quickstart(QuickstartOptions options, ModelRepositoryTemplate template, PrintWriter out) {
        this.options = options;
        this.template = template;
        this.out = out;
    }

    /** Runs every step; the control plane keeps running until {@link #close()}. */
    public void run() {
        final Path data = options.dataDir().toAbsolutePath().normalize();
        out.println("Slipway quickstart in " + data);
        final Path gitops = data.resolve("gitops.git");
        step("GitOps repository", () -> {
            prepare(data);
            GitOpsRepository.init(
                    gitops,
                    Environments.defaults(List.of(options.approver())),
                    new PersonIdent("slipway", "", java.time.Instant.now(), ZoneOffset.UTC));
            return gitops + ": staging (automatic), production (approval by " + options.approver() + ")";
        });
        step("Control plane", () -> {
            plane = new ControlPlane(config(data, gitops)).start();
            api = new SlipwayClient(apiUrl(), null);
            return "gateway " + gatewayUrl() + ", API " + apiUrl() + ", web console " + apiUrl() + "/, following "
                    + gitops;
        });
        final String name = options.repository();
        final String[] cloneUrl = new String[1];
        final Path work = data.resolve("work").resolve(name);
        step("Model repository", () -> {
            cloneUrl[0] = api.createRepository(name).url();
            createRepository(work, name);
            git.run(work, "init", "--quiet", "-b", "main");
            git.run(work, "config", "user.name", options.authorName());
            git.run(work, "config", "user.email", options.authorEmail());
            git.run(work, "config", "commit.gpgsign", "false"); // a signing setup of the user's must not stop the demo
            git.run(work, "add", "-A");
            git.run(
                    work,
                    "commit",
                    "--quiet",
                    "-m",
                    "news classifier: SKLEARN_SERVER, Test / Test integration / Promote");
            git.run(work, "remote", "add", "origin", cloneUrl[0]);
            return work + " (jenkins-x.yml, deploy/SeldonDeployment-" + name
                    + ".yaml, deploy/model/, tests/, integration/)," + " hosted at " + cloneUrl[0];
        });
        final String[] runId = new String[1];
        step("git push", () -> {
            out.println("      $ cd " + work + " && git push origin main");
            out.flush();
            git.run(work, "push", "--quiet", "origin", "main");
            final String commit = git.run(work, "rev-parse", "HEAD");
            final RunSummary run = api.runs().stream()
                    .filter(r -> commit.equals(r.commit()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the push of " + commit + " started no pipeline run"));
            runId[0] = run.id();
            return "commit " + commit.substring(0, 12) + " started the release pipeline: run " + run.id();
        });
        step("Release pipeline", () -> follow(runId[0]));
        final ArrayNode texts = JSON.createArrayNode()
                .add(template.texts().get(0))
                .add(template.texts().get(1));
        final ArrayNode labels = JSON.createArrayNode()
                .add(template.labels().get(0))
                .add(template.labels().get(1));
        step("Staging answers", () -> answers("staging", name, texts, labels));
        final String[] promotion = new String[1];
        step("Production promotion request", () -> {
            final Promotion found = api.promotions("production", "open").stream()
                    .filter(p -> p.deployments().contains(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no open production promotion request for " + name));
            promotion[0] = found.id();
            final Promotion shown = api.promotion(promotion[0]);
            out.println("      request " + promotion[0] + " by " + shown.author() + ", assigned to " + shown.assignees()
                    + ", state " + shown.state().toLowerCase(Locale.ROOT) + "; diff:");
            shown.diff().lines().forEach(l -> out.println("        " + l));
            out.println("      review it in the web console: " + apiUrl() + "/promotions/" + promotion[0]);
            return "production is unchanged until an approver accepts it";
        });
        step("Approval", () -> {
            out.println("      $ ./slipway promotions approve " + promotion[0] + " --as " + options.approver()
                    + " --server " + apiUrl());
            final Promotion merged = api.approve(promotion[0], options.approver());
            out.println("      promotion " + merged.id() + " approved by " + options.approver()
                    + " and merged into main: " + merged.mergeCommit());
            return "approved by " + options.approver() + " (the author was " + options.authorName() + "): state "
                    + merged.state().toLowerCase(Locale.ROOT) + ", merged as " + merged.mergeCommit();
        });
        step("Production answers", () -> answers("production", name, texts, labels));
        out.println();
        out.println("Everything works. Try it:");
        out.println("  web console    " + apiUrl() + "/   (runs with live logs, promotion requests and their diffs,"
                + " environments, try-it)");
        out.println(
                "  gateway        " + gatewayUrl() + "/seldon/{staging|production}/" + name + "/api/v1.0/predictions");
        out.println("  API            " + apiUrl() + "   (slipway pipeline list|promotions list|env status --server "
                + apiUrl() + ")");
        out.println("  model repo     git clone " + cloneUrl[0] + "   (push a change: the loop runs again)");
        out.println("  predict        " + predictCommand("production", name, texts));
        out.flush();
    }

    private void step(String what, Callable<String> action) {
        step++;
        out.println("[" + step + "/" + STEPS + "] " + what);
        out.flush();
        final long t0 = System.nanoTime();
        try {
            final String result = action.call();
            out.println("      " + result
                    + String.format(java.util.Locale.ROOT, "  (%.1fs)", (System.nanoTime() - t0) / 1e9));
            out.flush();
        } catch (QuickstartFailure e) {
            throw e;
        } catch (Exception e) {
            throw new QuickstartFailure(what, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** An empty folder, or one a previous quickstart made (emptied); anything else is refused. */
    static void prepare(Path data) throws IOException {
        if (Files.isDirectory(data)) {
            try (Stream<Path> entries = Files.list(data)) {
                final List<Path> all = entries.toList();
                if (!all.isEmpty() && !Files.exists(data.resolve(MARKER))) {
                    throw new IllegalArgumentException("--data-dir " + data
                            + " is not empty and was not made by slipway" + " quickstart: give an empty or new folder");
                }
                for (final Path p : all) {
                    if (Files.isDirectory(p)) {
                        Workspace.delete(p);
                    } else {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve(MARKER), "made by slipway quickstart; emptied by the next one\n");
    }

    private ControlPlaneConfig config(Path data, Path gitops) {
        final LocalRuntimeConfig runtime =
                LocalRuntimeConfig.defaults(data.resolve("data"), dev.slipway.cli.replica.ReplicaJvm.command());
        final int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        // the built-in request-log sink is on: deployments that log (Seldon's annotation) show in 'slipway logs
        // requests'
        final java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put(dev.slipway.controlplane.ControlPlane.REQUEST_LOG, "true");
        return new ControlPlaneConfig(runtime, options.host(), options.gatewayPort(), options.apiPort(), threads)
                .withEnvironment(env)
                .withGitOps(SyncConfig.defaults(
                        new GitOpsLocation(gitops.toString(), null, null), data.resolve("data/gitops")));
    }

    /** The one place the model repository is made: the files of {@code slipway repo create --template sklearn}. */
    private void createRepository(Path dir, String name) {
        template.create(dir, name);
    }

    private String follow(String id) throws InterruptedException {
        final RunProgress progress = new RunProgress(out, "      ");
        final long deadline = System.nanoTime() + options.limit().toNanos();
        Run run = api.run(id);
        while (!progress.update(run)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("run " + id + " did not end within " + options.limit());
            }
            Thread.sleep(200); // polling the run through the API; bounded by the deadline
            run = api.run(id);
        }
        if (!"Succeeded".equals(run.condition().reason())) {
            final List<String> lines =
                    new String(api.runLog(id), StandardCharsets.UTF_8).lines().toList();
            out.println("      the run's log (last lines):");
            lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.println("        " + l));
            throw new IllegalStateException("run " + id + " " + run.condition().reason() + ": "
                    + run.condition().message() + " (slipway pipeline logs " + id + " --server " + apiUrl() + ")");
        }
        return "every stage succeeded (slipway pipeline show " + id + " --server " + apiUrl() + ")";
    }

    /** Waits until the gateway answers for NAME in the namespace as {@code slipway predict} asks, then shows it. */
    private String answers(String namespace, String name, ArrayNode texts, ArrayNode labels) throws Exception {
        final PredictionClient gateway = new PredictionClient(ClientOptions.builder()
                .gateway(Gateway.AMBASSADOR)
                .gatewayEndpoint(hostPort(options.host(), plane.gatewayPort()))
                .namespace(namespace)
                .deploymentName(name)
                .payloadType(PayloadType.parse("ndarray"))
                .timeout(Duration.ofSeconds(10))
                .build());
        final byte[] body = JSON.writeValueAsBytes(
                JSON.createObjectNode().set("data", JSON.createObjectNode().set("ndarray", texts)));
        final long deadline = System.nanoTime() + options.limit().toNanos();
        Result r = gateway.predictRaw(body);
        while (!(r.success()
                && JSON.readTree(r.responseBody()).at("/data/ndarray").equals(labels))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(namespace + "/" + name + " did not answer " + labels + " within "
                        + options.limit() + "; last: " + (r.success() ? r.responseBody() : r.status() + " " + r.msg()));
            }
            Thread.sleep(250); // waiting for the sync controller and the model server; bounded by the deadline
            r = gateway.predictRaw(body);
        }
        out.println("      $ " + predictCommand(namespace, name, texts));
        r.responseBody().lines().forEach(l -> out.println("      " + l));
        return namespace + " serves " + name + ": labels " + labels + " as the model's tests expect";
    }

    private String predictCommand(String namespace, String name, ArrayNode texts) {
        return "./slipway predict --gateway " + hostPort(options.host(), plane.gatewayPort()) + " --namespace "
                + namespace + " --deployment " + name + " --data " + shellQuote(texts.toString());
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String hostPort(String host, int port) {
        return host + ":" + port;
    }

    public String gatewayUrl() {
        return "http://" + hostPort(options.host(), plane.gatewayPort());
    }

    public String apiUrl() {
        return "http://" + hostPort(options.host(), plane.apiPort());
    }

    /** Stops the control plane: pipelines, sync controller, gateway, every model server. */
    @Override
    public synchronized void close() {
        if (plane != null) {
            plane.close();
            plane = null;
        }
    }
}
