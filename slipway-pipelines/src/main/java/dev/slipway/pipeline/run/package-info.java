/** Running a pipeline: the pure run plan, the runner that drives it, and the runs folder. */
@NullMarked
package dev.slipway.pipeline.run;

import org.jspecify.annotations.NullMarked;
