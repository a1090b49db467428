/** Pipelines as a service: hosted repositories over git smart HTTP, pushes, webhooks and polls feeding the run queue. */
@NullMarked
package dev.slipway.pipeline.service;

import org.jspecify.annotations.NullMarked;
