/** Integration tests of the whole loop: push, pipeline, staging, promotion request. */
@NullMarked
package dev.slipway.cli.loop;

import org.jspecify.annotations.NullMarked;
