package dev.slipway.cli.backend;

import dev.slipway.client.SlipwayClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one resolution of where the CLI works, from flags and the environment: the control plane's API
 * ({@code --server} &gt; {@code SLIPWAY_URL} &gt; {@value SlipwayClient#DEFAULT_URL}), its token ({@code SLIPWAY_TOKEN}),
 * the data folder ({@code --data-dir} &gt; {@code SLIPWAY_DATA_DIR} &gt; {@code $HOME/.slipway/…}: the {@code HOME}
 * variable, not the JVM's {@code user.home}, so a private {@code HOME} keeps a run away from everyone else's), and the
 * GitOps repository ({@code --gitops} &gt; {@code SLIPWAY_GITOPS}).
 */
public final class Settings {

    public static final String URL = "SLIPWAY_URL";
    public static final String TOKEN = "SLIPWAY_TOKEN";
    public static final String DATA_DIR = "SLIPWAY_DATA_DIR";
    public static final String GITOPS = "SLIPWAY_GITOPS";
    /** The data folder of {@code slipway up} under {@code $HOME/.slipway} (see {@link #dataDir(Path, String)}). */
    public static final String DATA = "data";

    private final Map<String, String> env;

    public Settings(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** From this process's environment. */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** A variable, or null when unset or blank. */
    public String env(String name) {
        final String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** {@code $HOME/.slipway} (the JVM's {@code user.home} only when {@code HOME} is unset). */
    public Path home() {
        final String home = env("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"), ".slipway");
    }

    /** Where fetched models and GitOps clones are cached: {@code $HOME/.slipway/cache}. */
    public Path cache() {
        return home().resolve("cache");
    }

    /**
     * The data folder: {@code flag}, else {@code SLIPWAY_DATA_DIR}, else {@code $HOME/.slipway/SUB} ({@code sub} empty:
     * {@code $HOME/.slipway}).
     */
    public Path dataDir(Path flag, String sub) {
        if (flag != null) {
            return flag.toAbsolutePath();
        }
        final String fromEnv = env(DATA_DIR);
        if (fromEnv != null) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return sub.isEmpty() ? home() : home().resolve(sub);
    }

    /** The API the user chose: {@code flag}, else {@code SLIPWAY_URL}; empty when neither is set. */
    public Optional<String> chosenServer(String flag) {
        return Optional.ofNullable(flag != null && !flag.isBlank() ? flag : env(URL));
    }

    /** The API: {@code flag}, else {@code SLIPWAY_URL}, else the default port on loopback. */
    public String server(String flag) {
        return chosenServer(flag).orElse(SlipwayClient.DEFAULT_URL);
    }

    /** A client of {@link #server(String)} with {@code SLIPWAY_TOKEN} (a user's, or a pipeline run's own). */
    public SlipwayClient client(String flag) {
        return new SlipwayClient(server(flag), env(TOKEN));
    }

    /** The GitOps repository: {@code flag}, else {@code SLIPWAY_GITOPS}; null when neither is set. */
    public String gitops(String flag) {
        return flag != null && !flag.isBlank() ? flag : env(GITOPS);
    }
}
