/**
 * What the CLI's commands talk to: one interface per concern ({@link dev.slipway.cli.backend.RunsBackend},
 * {@link dev.slipway.cli.backend.GitOpsBackend}) with a local implementation (the data folder, the GitOps repository)
 * and a remote one (a {@code slipway up} through {@link dev.slipway.client.SlipwayClient}), both answering with the
 * API's records; {@link dev.slipway.cli.backend.Settings} resolves the server and the data folder once for all.
 */
package dev.slipway.cli.backend;
