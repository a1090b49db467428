/** Prometheus metrics of the model server: request counts and latencies, custom model metrics, feedback. */
@NullMarked
package dev.slipway.serving.metrics;

import org.jspecify.annotations.NullMarked;
