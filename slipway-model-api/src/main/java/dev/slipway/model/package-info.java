/**
 * The model SPI: what a custom or reusable model server implements ({@link dev.slipway.model.Model},
 * {@link dev.slipway.model.ModelFactory}) and the transport-free values it exchanges
 * ({@link dev.slipway.model.Tensor}, {@link dev.slipway.model.Payload}). No dependencies.
 */
@NullMarked
package dev.slipway.model;

import org.jspecify.annotations.NullMarked;
