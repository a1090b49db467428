package dev.slipway.pipeline.run;

import dev.slipway.pipeline.exec.ProcessTree;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of one step, later layers winning: the allow-listed part of the runner's own environment
 * ({@link #ALLOWED}: PATH, HOME, locale, time zone, proxies and CA bundles, never its tokens or cloud keys —
 * names added with {@code slipway up --pass-env NAME} too), {@code VERSION} (the commit's first 12 hex digits: the version a build publishes under),
 * {@code pipelineConfig.env} and the pipeline's env, the stage's, the step's, the
 * named credentials, then the run variables (the commit's {@code GIT_AUTHOR_NAME}/{@code _EMAIL} and
 * {@code GIT_COMMITTER_NAME}/{@code _EMAIL}, {@code GIT_COMMIT}, {@code GIT_BRANCH}, {@code BRANCH_NAME},
 * {@code SLIPWAY_RUN_ID}, {@code SLIPWAY_PIPELINE}, {@code WORKSPACE}, the request's variables such as
 * {@code SLIPWAY_URL}, and {@code SLIPWAY_TOKEN}), and finally {@code PATH} with the launcher's folder first.
 */
final class StepEnvironment {

    /** The names of the runner's environment a step gets (besides {@code LC_*} and the extra names). */
    static final java.util.Set<String> ALLOWED = java.util.Set.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "LANG",
            "LANGUAGE",
            "TZ",
            "TERM",
            "TMPDIR",
            "JAVA_HOME",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "SSL_CERT_FILE",
            "SSL_CERT_DIR",
            "CURL_CA_BUNDLE",
            "REQUESTS_CA_BUNDLE",
            "GIT_SSL_CAINFO",
            "AWS_CA_BUNDLE",
            "NODE_EXTRA_CA_CERTS",
            "PIP_CERT",
            "MAVEN_ARGS",
            "MAVEN_OPTS",
            // which Python interpreter runs Python model classes (like JAVA_HOME: a tool's location, never a secret)
            "SLIPWAY_PYTHON");

    /** The part of {@code env} a step may see: {@link #ALLOWED}, {@code LC_*} and {@code extra}. */
    public static Map<String, String> allowed(Map<String, String> env, java.util.Collection<String> extra) {
        Map<String, String> out = new java.util.TreeMap<>();
        env.forEach((k, v) -> {
            if (ALLOWED.contains(k) || k.startsWith("LC_") || extra.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private final Map<String, String> base;
    private final Map<String, String> credentials;
    private final Map<String, String> commit;

    /**
     * @param base the runner's environment, already reduced to its {@link #allowed} part
     * @param credentials the named credentials' values
     * @param commit variables of the checked-out commit (its author and committer as git names them)
     */
    StepEnvironment(Map<String, String> base, Map<String, String> credentials, Map<String, String> commit) {
        this.base = Map.copyOf(base);
        this.credentials = Map.copyOf(credentials);
        this.commit = Map.copyOf(commit);
    }

    Map<String, String> of(PipelineRun run, RunRequest request, Path workspace, Stage stage, Step step) {
        Pipeline p = run.pipeline();
        Map<String, String> env = new LinkedHashMap<>(base);
        // a run started from inside a step must not look like a member of that step's process tree
        env.remove(ProcessTree.COOKIE);
        // what a build publishes is named after the commit unless the pipeline sets VERSION (as Jenkins X's does)
        env.put("VERSION", version(run.commit()));
        env.putAll(p.env());
        env.putAll(stage.env());
        env.putAll(step.env());
        env.putAll(credentials);
        env.putAll(commit);
        env.put("GIT_COMMIT", run.commit());
        env.put("GIT_BRANCH", run.branch());
        env.put("BRANCH_NAME", run.branch());
        env.put("SLIPWAY_RUN_ID", run.id());
        env.put("SLIPWAY_PIPELINE", p.kind().yamlName());
        env.put("WORKSPACE", workspace.toString());
        env.putAll(request.variables());
        if (request.token() != null) {
            env.put("SLIPWAY_TOKEN", request.token());
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (request.launcherDir() != null) {
            path = request.launcherDir().toAbsolutePath() + File.pathSeparator + path;
        }
        env.put("PATH", path);
        return env;
    }

    /** The default {@code VERSION}: the commit's first 12 hex digits ({@code unknown} when there is none). */
    static String version(String commit) {
        if (commit == null || commit.isBlank()) {
            return "unknown";
        }
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
