/** JMH benchmarks of the SKLEARN_SERVER runtime on the shared fixtures. */
package dev.slipway.bench.sklearn;
