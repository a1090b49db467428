/** Prometheus metrics of the model server: request counts and latencies, custom model metrics, feedback. */
package dev.slipway.serving.metrics;
