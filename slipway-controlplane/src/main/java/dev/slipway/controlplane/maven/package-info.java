/** The read-only Maven repository of {@code slipway up} at {@code /maven/}: the model API jar server builds compile against. */
@NullMarked
package dev.slipway.controlplane.maven;

import org.jspecify.annotations.NullMarked;
