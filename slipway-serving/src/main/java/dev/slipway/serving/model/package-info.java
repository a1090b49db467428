/** Loading a model: the runtime by implementation name or a custom class, its artifacts through storage. */
@NullMarked
package dev.slipway.serving.model;

import org.jspecify.annotations.NullMarked;
