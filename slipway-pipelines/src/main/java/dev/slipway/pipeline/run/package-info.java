/** Running a pipeline: the pure run plan, the runner that drives it, and the runs folder. */
package dev.slipway.pipeline.run;
