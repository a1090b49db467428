package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --author} and {@code --email}: whom the commits of {@code promote}, {@code servers register} and
 * {@code repo create} name. In a pipeline step {@code GIT_AUTHOR_*} name whoever pushed the commit being built.
 */
final class AuthorOptions {

    @Option(names = "--author", paramLabel = "NAME", description = "Default: $GIT_AUTHOR_NAME, else $USER.")
    @Nullable
    String name;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Default: $GIT_AUTHOR_EMAIL.")
    @Nullable
    String email;

    /** {@code --author}, else {@code GIT_AUTHOR_NAME}, else {@code USER}, else {@code slipway}. */
    String name() {
        if (name != null) {
            return name;
        }
        final Settings settings = Settings.fromEnvironment();
        final String git = settings.env("GIT_AUTHOR_NAME");
        final String user = settings.env("USER");
        return git != null ? git : user != null ? user : "slipway";
    }

    /** {@code --email}, else {@code GIT_AUTHOR_EMAIL}, else empty. */
    String email() {
        if (email != null) {
            return email;
        }
        final String git = Settings.fromEnvironment().env("GIT_AUTHOR_EMAIL");
        return git != null ? git : "";
    }
}
