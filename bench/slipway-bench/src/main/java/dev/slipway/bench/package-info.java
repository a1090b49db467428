/** JMH benchmarks of Slipway's runtimes and storage, with shared fixture helpers. */
package dev.slipway.bench;
