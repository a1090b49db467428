/** Triggers: webhook signatures, push events, polling and the bounded per-repository run queue. */
package dev.slipway.pipeline.trigger;
