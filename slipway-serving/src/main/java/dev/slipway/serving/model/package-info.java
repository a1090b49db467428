/** Loading a model: the runtime by implementation name or a custom class, its artifacts through storage. */
package dev.slipway.serving.model;
