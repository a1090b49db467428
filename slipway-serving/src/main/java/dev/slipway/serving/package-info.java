/** The model server: loading models, the transport-free data plane, and its HTTP transport. */
@NullMarked
package dev.slipway.serving;

import org.jspecify.annotations.NullMarked;
