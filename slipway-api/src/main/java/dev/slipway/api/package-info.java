/**
 * The control plane's REST API as records: what {@code slipway up} answers and accepts under {@code /api/v1/}, shared
 * by the server ({@code dev.slipway.controlplane.api}) and {@code dev.slipway.client.SlipwayClient}. Times are
 * {@link java.time.Instant}s written as ISO-8601 strings; absent optional fields are left out of the JSON.
 */
package dev.slipway.api;
