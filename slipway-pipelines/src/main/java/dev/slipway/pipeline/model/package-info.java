/** Pipeline templates (Pipeline, Stage, Step) and run instances with their Succeeded condition. */
package dev.slipway.pipeline.model;
