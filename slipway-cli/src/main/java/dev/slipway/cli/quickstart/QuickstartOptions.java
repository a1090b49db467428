package dev.slipway.cli.quickstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code slipway quickstart}.
 *
 * @param dataDir the quickstart's own folder (control plane data, GitOps repository, model repository)
 * @param host the address the gateway and API bind
 * @param gatewayPort the gateway's port (0: a free one)
 * @param apiPort the API's port (0: a free one)
 * @param approver who approves production (must differ from the author: four-eyes)
 * @param authorName the model repository commit's author
 * @param authorEmail and e-mail
 * @param repository the model repository's name (also the deployment's)
 * @param limit how long each waiting step may take (pipeline run, staging, production)
 */
public record QuickstartOptions(
        Path dataDir,
        String host,
        int gatewayPort,
        int apiPort,
        String approver,
        String authorName,
        String authorEmail,
        String repository,
        Duration limit) {

    public QuickstartOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        if (approver == null || approver.isBlank()) {
            throw new IllegalArgumentException("--approver: a user name is required");
        }
        if (approver.equals(authorName)) {
            throw new IllegalArgumentException(
                    "--approver: '" + approver + "' is the author of the change; four-eyes needs" + " someone else");
        }
    }
}
