/** {@code slipway quickstart}: the whole loop — push, pipeline, staging, approved production — on the bundled model. */
@NullMarked
package dev.slipway.cli.quickstart;

import org.jspecify.annotations.NullMarked;
