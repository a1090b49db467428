/** The encrypted credentials store (AES-GCM) that pipelines name their secrets from. */
@NullMarked
package dev.slipway.pipeline.secret;

import org.jspecify.annotations.NullMarked;
