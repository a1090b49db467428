/** Wire formats: Seldon v1 {@code SeldonMessage} and Open Inference Protocol v2, to and from {@link dev.slipway.model.Payload}. */
package dev.slipway.protocol;
