/** The encrypted credentials store (AES-GCM) that pipelines name their secrets from. */
package dev.slipway.pipeline.secret;
