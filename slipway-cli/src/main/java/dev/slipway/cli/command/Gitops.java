package dev.slipway.cli.command;

import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway gitops init DIR}: a new GitOps repository. */
@Command(
        name = "gitops",
        mixinStandardHelpOptions = true,
        description = "GitOps repository tools.",
        subcommands = {Gitops.Init.class, GitopsArgocd.class})
public final class Gitops {

    /** {@code slipway gitops init DIR --approver NAME…}. */
    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Create a bare GitOps repository (branch main) with environments 'staging' (automatic) and"
                    + " 'production' (approval by the --approver users).")
    static final class Init extends CliCommand {
        @Parameters(paramLabel = "DIR", description = "The folder to create.")
        Path dir;

        @Option(
                names = "--approver",
                paramLabel = "USER",
                required = true,
                description = "Who may approve promotions to production (repeat for several).")
        List<String> approvers = new ArrayList<>();

        @Override
        public Integer call() {
            GitOpsRepository.init(
                    dir,
                    Environments.defaults(approvers),
                    new PersonIdent("slipway", "", java.time.Instant.now(), ZoneOffset.UTC));
            out().println("GitOps repository created in "
                    + dir.toAbsolutePath().normalize()
                    + " (branch main; environments: staging (auto), production (approval by "
                    + String.join(", ", approvers)
                    + "))");
            return 0;
        }
    }
}
