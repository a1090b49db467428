/** HTTP transport: one route table for Seldon v1, Open Inference v2, health and metrics over the data plane. */
@NullMarked
package dev.slipway.serving.http;

import org.jspecify.annotations.NullMarked;
