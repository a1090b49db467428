/** The control plane of {@code slipway up}: wiring of the local runtime and gateway, its REST API, its state. */
@NullMarked
package dev.slipway.controlplane;

import org.jspecify.annotations.NullMarked;
