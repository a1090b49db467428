package dev.slipway.pipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.pipeline.exec.Cancellation;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.ProcessStepExecutor;
import dev.slipway.pipeline.exec.ProcessTree;
import dev.slipway.pipeline.exec.StepFence;
import dev.slipway.pipeline.exec.StepIsolation;
import dev.slipway.pipeline.exec.StepUser;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.run.PipelineRunner;
import dev.slipway.pipeline.run.RunRequest;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.secret.CredentialScope;
import dev.slipway.pipeline.secret.CredentialStore;
import dev.slipway.pipeline.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 6, 7, 8 and 14 of issue 13 and the private run folder of finding 1, played as the attacker would
 * (a pipeline file in a pushed repository) against the real runner, real git and real processes.
 */
class StepSecurityTest {

    @TempDir
    Path tmp;

    private final List<String> console = new CopyOnWriteArrayList<>();

    private PipelineRunner runner(CredentialStore credentials, Map<String, String> env, StepIsolation isolation) {
        return runner(credentials, env, isolation, tmp.resolve("ws"));
    }

    private PipelineRunner runner(
            CredentialStore credentials, Map<String, String> env, StepIsolation isolation, Path workspaces) {
        return new PipelineRunner(
                new RunStore(tmp.resolve("runs")),
                new ProcessStepExecutor(Duration.ofSeconds(2), Duration.ofMillis(50), isolation),
                new Git(),
                credentials,
                env,
                Set.of(),
                Clock.systemUTC(),
                workspaces);
    }

    private TestRepo repo(String kind, String pipeline) throws Exception {
        TestRepo r = TestRepo.init(tmp.resolve("repo-" + UUID.randomUUID()));
        r.write(
                "jenkins-x.yml",
                "buildPack: none\npipelineConfig:\n  pipelines:\n    " + kind + ":\n      pipeline:\n"
                        + pipeline.indent(8));
        r.commit("initial");
        return r;
    }

    private PipelineRun run(PipelineRunner runner, TestRepo repo, String branch, PipelineKind kind) {
        return runner.run(
                RunRequest.manual(repo.dir().toString(), "HEAD", branch, kind), console::add, Cancellation.never());
    }

    private String log(PipelineRun run) throws Exception {
        return Files.readString(new RunStore(tmp.resolve("runs")).log(run.id()));
    }

    /** Finding 8: up's own environment (cloud keys, GitOps token) never reaches a step; PATH and HOME do. */
    @Test
    void stepEnvironment_isAllowListed_notTheServersEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AWS_SECRET_ACCESS_KEY", "aws-secret-from-up");
        env.put("SLIPWAY_GITOPS_TOKEN", "gitops-token-from-up");
        env.put("LC_TIME", "C");
        TestRepo repo = repo("release", "stages: [{name: s, steps: [{command: env}]}]");

        PipelineRun run = run(
                runner(new CredentialStore(tmp.resolve("data")), env, StepIsolation.none()),
                repo,
                "main",
                PipelineKind.release);

        String log = log(run);
        assertThat(run.condition().reason()).as(log).isEqualTo(Reason.Succeeded);
        assertThat(log)
                .doesNotContain("aws-secret-from-up", "gitops-token-from-up", "AWS_SECRET_ACCESS_KEY")
                .contains("PATH=", "HOME=", "LC_TIME=C");
    }

    /** Finding 1: each run has its own HOME and workspace (0700), outside the runner's HOME, gone after the run. */
    @Test
    void run_hasPrivateHomeAndWorkspace_deletedAfterwards() throws Exception {
        TestRepo repo = repo(
                "release",
                "stages: [{name: s, steps: [{command: 'echo home=$HOME; echo ws=$WORKSPACE; stat -c %a ..'}]}]");
        PipelineRun run = run(
                runner(new CredentialStore(tmp.resolve("data")), System.getenv(), StepIsolation.none()),
                repo,
                "main",
                PipelineKind.release);
        String log = log(run);
        assertThat(run.condition().reason()).as(log).isEqualTo(Reason.Succeeded);
        Path runDir = tmp.resolve("ws").resolve(run.id());
        assertThat(log).contains("home=" + runDir.resolve("home"), "ws=" + runDir.resolve("workspace"), "\n700\n");
        assertThat(runDir).doesNotExist();
    }

    /** Finding 6: a pull-request run naming a credential gets nothing and fails naming the scope. */
    @Test
    void pullRequestRun_namingAReleaseCredential_failsNamingTheScope() throws Exception {
        CredentialStore store = new CredentialStore(tmp.resolve("data"));
        store.set("DEPLOY_TOKEN", "deploy-token-value-1");
        TestRepo repo = repo("pullRequest", """
        credentials: [DEPLOY_TOKEN]
        stages: [{name: s, steps: [{command: 'printf %s "$DEPLOY_TOKEN" | od -An -tx1'}]}]
        """);

        PipelineRun run =
                run(runner(store, System.getenv(), StepIsolation.none()), repo, "feature-x", PipelineKind.pullRequest);

        assertThat(run.condition().reason()).isEqualTo(Reason.Failed);
        assertThat(run.condition().message())
                .contains("credential 'DEPLOY_TOKEN' is out of scope", "allows the release pipeline, not pullRequest");
        String hex = HexFormat.of()
                .formatHex("deploy-token-value-1".getBytes(StandardCharsets.UTF_8))
                .substring(0, 12);
        assertThat(log(run).replace(" ", "")).doesNotContain(hex);
    }

    /** Finding 6: a credential scoped to one repository and branch is refused to another repository. */
    @Test
    void credentialScopedToARepository_isRefusedToAnother_andGivenToItsOwn() throws Exception {
        CredentialStore store = new CredentialStore(tmp.resolve("data"));
        TestRepo mine = repo("release", """
        credentials: [DEPLOY_TOKEN]
        stages: [{name: s, steps: [{command: 'test -n "$DEPLOY_TOKEN"'}]}]
        """);
        TestRepo other = repo("release", """
        credentials: [DEPLOY_TOKEN]
        stages: [{name: s, steps: [{command: 'true'}]}]
        """);
        String name = mine.dir().getFileName().toString();
        store.set(
                "DEPLOY_TOKEN", "deploy-token-value-2", new CredentialScope(List.of(name), List.of("main"), List.of()));
        PipelineRunner runner = runner(store, System.getenv(), StepIsolation.none());

        PipelineRun refused = run(runner, other, "main", PipelineKind.release);
        PipelineRun wrongBranch = run(runner, mine, "dev", PipelineKind.release);
        PipelineRun given = run(runner, mine, "main", PipelineKind.release);

        assertThat(refused.condition().message()).contains("out of scope", "allows repositories [" + name + "]");
        assertThat(wrongBranch.condition().message()).contains("out of scope", "allows branches [main], not 'dev'");
        assertThat(given.condition().reason()).as(log(given)).isEqualTo(Reason.Succeeded);
    }

    /** Finding 7: a PEM credential printed whole, line by line, URL-quoted keeping '/', and JSON with '\/' is masked. */
    @Test
    void multiLineCredential_andExtraEncodings_areMasked() throws Exception {
        String pem =
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC/abc+def\nZ29vZCBsdWNrIHdpdGggdGhhdA==\n"
                        + "-----END PRIVATE KEY-----";
        CredentialStore store = new CredentialStore(tmp.resolve("data"));
        store.set("KEY_PEM", pem);
        TestRepo repo = repo("release", """
        credentials: [KEY_PEM]
        stages:
        - name: s
          steps:
          - command: 'printf "%s\\n" "$KEY_PEM"; printf "%s\\n" "$KEY_PEM" | sed "s/^/> /"'
          - command: /usr/bin/python3
            args: ['-c', 'import os,json,urllib.parse as u; k=os.environ["KEY_PEM"]; print(u.quote(k)); print(json.dumps(k).replace("/", "\\\\/"))']
        """);

        PipelineRun run = run(runner(store, System.getenv(), StepIsolation.none()), repo, "main", PipelineKind.release);

        String log = log(run);
        assertThat(run.condition().reason()).as(log).isEqualTo(Reason.Succeeded);
        assertThat(log)
                .doesNotContain(
                        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "Z29vZCBsdWNrIHdpdGggdGhhdA", "abc%2Bdef", "\\/abc+def")
                .contains("> ****");
    }

    /**
     * Finding 14: a background process that drops the cookie and starts its own session survives neither the
     * end of its step (PID namespace where this machine allows one) nor, with sessions only, a child that
     * drops the cookie but stays in the step's session.
     */
    @Test
    void escapedBackgroundProcesses_doNotOutliveTheirStep() throws Exception {
        StepIsolation detected = StepIsolation.detect(null);
        String marker = "30" + (100 + (System.nanoTime() % 800)) + ".5";
        TestRepo repo = repo(
                "release",
                "stages: [{name: s, steps: [{command: 'env -u " + ProcessTree.COOKIE
                        + " setsid sleep " + marker + " > /dev/null 2>&1 < /dev/null & env -u " + ProcessTree.COOKIE
                        + " sleep "
                        + marker + "1 > /dev/null 2>&1 < /dev/null & sleep 0.3; echo started'}]}]");

        PipelineRun run = run(
                runner(new CredentialStore(tmp.resolve("data")), System.getenv(), detected),
                repo,
                "main",
                PipelineKind.release);
        assertThat(log(run)).contains("started");

        if (detected.pidNamespace()) {
            assertThat(sleeping(marker))
                    .as("setsid + no cookie escaped the PID namespace")
                    .isEmpty();
        } else {
            assertThat(sleeping(marker + "1"))
                    .as("a child in the step's session without its cookie")
                    .isEmpty();
            sleeping(marker).forEach(ProcessHandle::destroyForcibly); // the documented residual gap
        }
        sleeping(marker).forEach(ProcessHandle::destroyForcibly);
    }

    private static List<ProcessHandle> sleeping(String seconds) {
        return ProcessHandle.allProcesses()
                .filter(ProcessTree::live)
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> a.length == 1 && a[0].equals(seconds))
                        .orElse(false))
                .toList();
    }

    /**
     * Finding 1 when {@code up} does not run as root: the step runs as the operator's own OS user, who owns the data
     * folder, so only the fence (bubblewrap: tmpfs over the data folder and the operator's HOME, its own PID namespace)
     * stands between it and the admin token, the credentials, other runs and {@code up}'s environment. Played first
     * without the fence (the attack works: the scenario is real), then with it. Under root (CI) the operator is an
     * unprivileged user that owns everything here, so bwrap runs unprivileged exactly as for a non-root {@code up}.
     */
    @Test
    void stepAsTheOperatorsOwnUser_seesOnlyItsRunFolder_insideTheFence() throws Exception {
        Path data = tmp.resolve("data");
        Path operatorHome = tmp.resolve("operator-home");
        Files.createDirectories(data.resolve("auth"));
        Files.writeString(data.resolve("auth/admin.token"), "admin-token-value-77");
        Files.writeString(data.resolve("credentials.json"), "{\"DEPLOY\":\"credential-value-77\"}");
        Files.createDirectories(data.resolve("workspaces/other-run/workspace"));
        Files.writeString(data.resolve("workspaces/other-run/workspace/model.txt"), "other-runs-file-77");
        Files.createDirectories(operatorHome.resolve(".ssh"));
        Files.writeString(operatorHome.resolve(".ssh/id_ed25519"), "operator-ssh-key-77");
        StepFence fence = StepFence.detect(List.of(data, operatorHome), pathEntries(), List.of());
        assumeTrue(fence != null, () -> "no fence on this machine: " + StepFence.unavailableReason());
        StepUser operator = StepUser.runningAsRoot() ? StepUser.of(StepUser.DEFAULT, true) : null;
        if (operator != null) {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            operator.own(data);
            operator.own(operatorHome);
        }
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("attack.sh", """
        D="$1"; H="$2"
        cat "$D/auth/admin.token"; cat "$D/credentials.json"; cat "$D/workspaces/other-run/workspace/model.txt"
        cat "$H/.ssh/id_ed25519"
        echo "runs: $(ls "$D/workspaces" | tr '\\n' ' ')"
        if test -e "/proc/$3"; then echo "up: visible"; else echo "up: hidden"; fi
        echo mine > "$WORKSPACE/out.txt" && cat "$WORKSPACE/out.txt"
        echo home-writable > "$HOME/x" && cat "$HOME/x"
        """);
        repo.write(
                "jenkins-x.yml",
                "buildPack: none\npipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n"
                        + ("stages: [{name: s, steps: [{command: sh, args: [attack.sh, '" + data + "', '" + operatorHome
                                        + "', '" + ProcessHandle.current().pid() + "']}]}]")
                                .indent(8));
        repo.commit("a step that goes after the operator's secrets");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", operatorHome.toString());

        PipelineRun open = run(
                runner(
                                new CredentialStore(tmp.resolve("creds")),
                                env,
                                new StepIsolation(false, true, operator),
                                data.resolve("workspaces"))
                        .forStepUser(operator),
                repo,
                "main",
                PipelineKind.release);
        PipelineRun fenced = run(
                runner(
                                new CredentialStore(tmp.resolve("creds")),
                                env,
                                new StepIsolation(false, true, operator, fence),
                                data.resolve("workspaces"))
                        .forStepUser(operator),
                repo,
                "main",
                PipelineKind.release);

        assertThat(log(open))
                .as("without the fence the operator's own user reads it all")
                .contains("admin-token-value-77", "credential-value-77", "other-runs-file-77", "operator-ssh-key-77");
        String log = log(fenced);
        assertThat(fenced.condition().reason()).as(log).isEqualTo(Reason.Succeeded);
        assertThat(log)
                .doesNotContain(
                        "admin-token-value-77", "credential-value-77", "other-runs-file-77", "operator-ssh-key-77")
                .contains("runs: " + fenced.id() + " \n", "up: hidden", "\nmine\n", "\nhome-writable\n");
        assertThat(data.resolve("auth/admin.token")).hasContent("admin-token-value-77");
    }

    private static List<Path> pathEntries() {
        return java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .filter(e -> !e.isBlank())
                .map(Path::of)
                .toList();
    }
}
