/**
 * Many models in one server process: built-in runtimes loaded and unloaded through the Open Inference Protocol's
 * model-repository API, each model isolated by name with its own routes, readiness and metrics.
 */
@NullMarked
package dev.slipway.serving.pack;

import org.jspecify.annotations.NullMarked;
