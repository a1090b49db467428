/** JMH benchmarks of Slipway's runtimes and storage, with shared fixture helpers. */
@NullMarked
package dev.slipway.bench;

import org.jspecify.annotations.NullMarked;
