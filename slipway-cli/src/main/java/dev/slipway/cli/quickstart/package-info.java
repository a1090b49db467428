/** {@code slipway quickstart}: the whole loop — push, pipeline, staging, approved production — on the bundled model. */
package dev.slipway.cli.quickstart;
