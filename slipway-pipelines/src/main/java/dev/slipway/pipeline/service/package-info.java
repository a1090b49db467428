/** Pipelines as a service: hosted repositories over git smart HTTP, pushes, webhooks and polls feeding the run queue. */
package dev.slipway.pipeline.service;
