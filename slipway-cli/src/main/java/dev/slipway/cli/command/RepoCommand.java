package dev.slipway.cli.command;

import dev.slipway.cli.template.RepositoryTemplates;
import dev.slipway.cli.template.Template;
import dev.slipway.cli.template.TemplateFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway repo create}: a model or server repository from a template, as a git repository with a first commit. */
@Command(
        name = "repo",
        mixinStandardHelpOptions = true,
        description = "Model and server repositories.",
        subcommands = {RepoCommand.Create.class, RepoCommand.Push.class})
public final class RepoCommand {

    /** {@code slipway repo create NAME [--dir DIR] --template T [--server IMPL]}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Create a repository from a template (or a copy of a folder, --from): its files, git init (branch"
                        + " main), a first commit; with --push, hosted on slipway up and pushed, which runs its pipeline.",
                "Templates: sklearn (a model served by SKLEARN_SERVER, modelUri), custom-server (a reusable Model class "
                        + "loading its model from modelUri: built, published, tested and registered as IMPL by its pipeline), "
                        + "custom-server-model (a model served by the registered server IMPL; needs --server), "
                        + "embedded-model (a Model class whose jar holds a model trained at build time), "
                        + "python-model (a Seldon Python model class and its model, served by Python workers).",
                "Push it to slipway up's git hosting and its jenkins-x.yml runs; see the README.md it writes.",
                "Example: slipway repo create fraud-score --template custom-server --push http://127.0.0.1:8080"
            })
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Lower-case name: deployment and artifact name.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Where to create it. Default: ./NAME.")
        Path dir;

        @Option(
                names = "--template",
                paramLabel = "T",
                description = "sklearn | custom-server | custom-server-model | embedded-model | python-model")
        String template;

        @Option(
                names = "--from",
                paramLabel = "DIR",
                description =
                        "Instead of a template: copy this folder (e.g. examples/image-classifier-server; .git and target"
                                + " are left out).")
        Path from;

        @Option(
                names = "--push",
                paramLabel = "URL",
                description =
                        "The API of slipway up: host the repository there as NAME, make it origin and push main (its"
                                + " release pipeline starts). Token: env SLIPWAY_TOKEN.")
        String push;

        @Option(
                names = "--server",
                paramLabel = "IMPL",
                description = {
                    "The implementation name: the one custom-server registers (default: NAME upper-cased, "
                            + "'-' as '_'), the registered one custom-server-model uses (required there)."
                })
        String server;

        @Mixin
        AuthorOptions author = new AuthorOptions();

        @Override
        public Integer call() throws Exception {
            if ((template == null) == (from == null)) {
                throw new IllegalArgumentException("--template T or --from DIR is required (one of them)");
            }
            final Template t = template == null ? null : Template.of(template.toLowerCase(Locale.ROOT));
            final List<TemplateFiles.RenderedFile> files;
            if (t != null) {
                files = RepositoryTemplates.render(t, name, server);
            } else {
                RepositoryTemplates.checkName(name);
                if (server != null) {
                    throw new IllegalArgumentException(
                            "--server goes with --template custom-server or custom-server-model");
                }
                files = RepoSources.folder(from);
            }
            final String origin = t != null ? "the " + t.id() + " template" : from.toString();
            final Path root =
                    (dir != null ? dir : Path.of(name)).toAbsolutePath().normalize();
            TemplateFiles.write(root, files);
            final RevCommit commit;
            try (Git git = Git.init()
                    .setDirectory(root.toFile())
                    .setInitialBranch("main")
                    .call()) {
                git.add().addFilepattern(".").call();
                final PersonIdent who = new PersonIdent(author.name(), author.email());
                commit = git.commit()
                        .setAuthor(who)
                        .setCommitter(who)
                        .setSign(false)
                        .setMessage("Create " + name + " from " + origin + " (slipway repo create)")
                        .call();
            } catch (GitAPIException e) {
                throw new IllegalStateException("git: " + e.getMessage(), e);
            }
            final var out = spec.commandLine().getOut();
            out.println("created " + root + " (" + (t != null ? t.id() : from) + ", " + files.size() + " files, commit "
                    + commit.getId().abbreviate(7).name() + " on main)");
            if (push != null) {
                final String url = RepoSources.push(push, name, root);
                out.println("pushed main to " + url + ": its release pipeline runs (slipway pipeline list --server "
                        + push + ")");
            } else {
                out.println("next: see " + root.resolve("README.md"));
            }
            return 0;
        }
    }

    /** {@code slipway repo push NAME [--dir DIR] [--server URL]}: an existing local repository, hosted on slipway up. */
    @Command(
            name = "push",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Host an existing local repository on slipway up as NAME: create the hosted repository, make it"
                        + " origin and push main, which runs its release pipeline.",
                "Example: slipway repo push fraud-score --dir ~/fraud-score --server http://127.0.0.1:8080"
            })
    static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The hosted repository's name (lower-case).")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "The local repository. Default: the current folder.")
        Path dir = Path.of(".");

        @Mixin
        ServerOption server = new ServerOption();

        @Override
        public Integer call() throws Exception {
            RepositoryTemplates.checkName(name);
            final Path root = dir.toAbsolutePath().normalize();
            if (!java.nio.file.Files.exists(root.resolve(".git"))) {
                throw new IllegalArgumentException(
                        "--dir " + root + ": not a git repository (slipway repo create makes one)");
            }
            try (Git git = Git.open(root.toFile())) {
                final String origin = git.getRepository().getConfig().getString("remote", "origin", "url");
                if (origin != null) {
                    throw new IllegalArgumentException("--dir " + root + " already has a remote origin (" + origin
                            + "): push " + "there with git, or remove it first");
                }
                if (git.getRepository().resolve("refs/heads/main") == null) {
                    throw new IllegalArgumentException(
                            "--dir " + root + ": no branch main to push (the pipelines run on main)");
                }
            }
            final String api = server.url();
            final String url = RepoSources.push(api, name, root);
            spec.commandLine()
                    .getOut()
                    .println("pushed main to " + url + ": its release pipeline runs (slipway pipeline "
                            + "list --server " + api + ")");
            return 0;
        }
    }
}
