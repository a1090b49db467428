/** Pipeline templates (Pipeline, Stage, Step) and run instances with their Succeeded condition. */
@NullMarked
package dev.slipway.pipeline.model;

import org.jspecify.annotations.NullMarked;
