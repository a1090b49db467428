/** JMH benchmarks of the SKLEARN_SERVER runtime on the shared fixtures. */
@NullMarked
package dev.slipway.bench.sklearn;

import org.jspecify.annotations.NullMarked;
