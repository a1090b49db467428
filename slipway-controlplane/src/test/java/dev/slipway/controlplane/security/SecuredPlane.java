package dev.slipway.controlplane.security;

import static dev.slipway.testing.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.testing.SeldonManifests;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The control plane the security tests attack: {@code --auth}, following a GitOps repository (staging automatic,
 * production approved by dana or manager), model servers that never start; and the held pipeline runs whose tokens
 * they play with.
 */
final class SecuredPlane {

    private SecuredPlane() {}

    /** A started control plane with its data under {@code tmp}; its steps inherit {@code environment}. */
    static ControlPlane start(Path tmp, Map<String, String> environment) {
        Path gitops = tmp.resolve("gitops.git");
        GitOpsRepository.init(
                gitops,
                Environments.defaults(List.of("dana", "manager")),
                new PersonIdent("slipway", "", java.time.Instant.now(), ZoneOffset.UTC));
        LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(tmp.resolve("data"), (spec, host) -> List.of("false"));
        ControlPlaneConfig config = new ControlPlaneConfig(runtime, "127.0.0.1", 0, 0, 1)
                .withGitOps(SyncConfig.defaults(
                        new GitOpsLocation(gitops.toString(), null, null), tmp.resolve("data/gitops")))
                .withAuth(true);
        return new ControlPlane(environment.isEmpty() ? config : config.withEnvironment(environment)).start();
    }

    /** Promotes the model repository's {@code deploy} folder to {@code env} as {@code author}: answered 201. */
    static HttpResponse<String> promoteDeploy(ControlPlane plane, String env, String author, String token)
            throws Exception {
        HttpResponse<String> r = send(
                plane,
                "POST",
                "/api/v1/promotions",
                "{\"environment\": \"" + env + "\", \"from\": [\"deploy\"], \"author\": \"" + author + "\"}",
                token,
                Map.of());
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** {@code method rawPath} with a JSON body (or none) and a bearer token (or none), plus {@code headers}. */
    static HttpResponse<String> send(
            ControlPlane plane, String method, String rawPath, String body, String token, Map<String, String> headers)
            throws Exception {
        return dev.slipway.controlplane.ApiCalls.send(plane, method, rawPath, body, token, headers);
    }

    /**
     * A release pipeline whose step writes its run's token to {@code tokenFile}, then holds until
     * {@code tokenFile.stop} exists (at most a minute).
     */
    static String heldPipeline(Path tokenFile) {
        return """
        buildPack: none
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages:
                - name: hold
                  steps:
                  - command: 'printf %%s "$SLIPWAY_TOKEN" > %1$s.tmp && mv %1$s.tmp %1$s; i=0; while [ ! -e %1$s.stop ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done'
        """.formatted(tokenFile);
    }

    /**
     * A model repository in {@code work} (initialized, files added, nothing committed) with the held pipeline and a
     * deployment called iris whose model bytes name {@code name}.
     */
    static void modelRepository(Path work, Path tokenFile, String name) throws Exception {
        Files.createDirectories(work);
        git(work, "init", "-q", "-b", "main");
        Files.writeString(work.resolve("jenkins-x.yml"), heldPipeline(tokenFile));
        Files.createDirectories(work.resolve("deploy/model"));
        Files.writeString(work.resolve("deploy/model/model.joblib"), name + " model bytes");
        Files.writeString(work.resolve("deploy/iris.yaml"), SeldonManifests.deployment("iris", """
        - name: default
          graph: {name: classifier, type: MODEL, implementation: SKLEARN_SERVER, modelUri: ./model}
        """));
        git(work, "add", "-A");
    }

    /** The token a held run wrote to {@code tokenFile} (waits at most a minute for it). */
    static String awaitToken(Path tokenFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(tokenFile)) {
            assertThat(System.nanoTime()).as("the run never wrote its token").isLessThan(deadline);
            Thread.sleep(50);
        }
        return Files.readString(tokenFile).strip();
    }
}
