package dev.slipway.cli.command;

import dev.slipway.pipeline.secret.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway credentials}: the encrypted store pipelines name their secrets from. */
@Command(
        name = "credentials",
        mixinStandardHelpOptions = true,
        description = {
            "Manage credentials that pipelines name (encrypted with AES-GCM in the data folder).",
            "A pipeline names them in pipelineConfig.pipelines.<pipeline>.pipeline.credentials; its steps get each as an"
                    + " environment variable of that name."
        },
        subcommands = {CredentialsCommand.Set.class, CredentialsCommand.List.class, CredentialsCommand.Delete.class})
public final class CredentialsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a subcommand: set, list or delete");
    }

    /** A subcommand on the store of the data folder ({@code --data-dir}). */
    abstract static class OnStore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir data = new DataDir();

        CredentialStore store() {
            return new CredentialStore(data.path());
        }
    }

    /** {@code set NAME --from-env VAR | --from-file F}: values never come from the command line (shell history). */
    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Store a credential, read from an environment variable or a file.")
    static final class Set extends OnStore {
        @Parameters(paramLabel = "NAME", description = "The name (letters, digits, _): the variable steps see.")
        String name;

        static final class Source {
            @Option(
                    names = "--from-env",
                    paramLabel = "VAR",
                    required = true,
                    description = "Read the value from this environment variable.")
            String env;

            @Option(
                    names = "--from-file",
                    paramLabel = "FILE",
                    required = true,
                    description = "Read the value from this file (one trailing newline dropped).")
            Path file;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(
                names = "--repository",
                paramLabel = "NAME|URL|GLOB",
                description =
                        "Only runs of this repository (hosted name, URL or folder; * globs). Repeatable; default: any.")
        java.util.List<String> repositories = new java.util.ArrayList<>();

        @Option(
                names = "--branch",
                paramLabel = "GLOB",
                description = "Only runs of this branch (* globs). Repeatable; default: any.")
        java.util.List<String> branches = new java.util.ArrayList<>();

        @Option(
                names = "--pipeline",
                paramLabel = "release|pullRequest",
                description =
                        "Only these pipelines. Repeatable; default: release only (pull-request runs get no credential"
                                + " unless named here).")
        java.util.List<String> pipelines = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            String value;
            if (source.env != null) {
                value = System.getenv(source.env);
                if (value == null) {
                    throw new IllegalArgumentException("--from-env " + source.env + ": the variable is not set");
                }
            } else {
                if (!Files.isRegularFile(source.file)) {
                    throw new IllegalArgumentException("--from-file " + source.file + ": no such file");
                }
                value = Files.readString(source.file, StandardCharsets.UTF_8);
                if (value.endsWith("\r\n")) {
                    value = value.substring(0, value.length() - 2);
                } else if (value.endsWith("\n")) {
                    value = value.substring(0, value.length() - 1);
                }
            }
            store().set(
                            name,
                            value,
                            new dev.slipway.pipeline.secret.CredentialScope(
                                    repositories,
                                    branches,
                                    pipelines.stream()
                                            .map(dev.slipway.pipeline.model.PipelineKind::parse)
                                            .toList()));
            spec.commandLine().getOut().println("credential " + name + " stored in " + data.path());
            return 0;
        }
    }

    /** {@code list}: names only, never values. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List credential names (never values).")
    static final class List extends OnStore {
        @Override
        public Integer call() {
            final CredentialStore store = store();
            store.names()
                    .forEach(n -> spec.commandLine()
                            .getOut()
                            .println(
                                    store.scope(n).equals(dev.slipway.pipeline.secret.CredentialScope.DEFAULT)
                                            ? n
                                            : n + "  " + store.scope(n).describe()));
            return 0;
        }
    }

    /** {@code delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a credential.")
    static final class Delete extends OnStore {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!store().delete(name)) {
                spec.commandLine().getErr().println("error: no credential named " + name + " in " + data.path());
                return 1;
            }
            spec.commandLine().getOut().println("credential " + name + " deleted");
            return 0;
        }
    }
}
