/** Wire formats: Seldon v1 {@code SeldonMessage} and Open Inference Protocol v2, to and from {@link dev.slipway.model.Payload}. */
@NullMarked
package dev.slipway.protocol;

import org.jspecify.annotations.NullMarked;
