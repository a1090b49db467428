/** Benchmarks of model storage: cold and warm (cached) s3 fetches against an in-process S3 server. */
@NullMarked
package dev.slipway.bench.storage;

import org.jspecify.annotations.NullMarked;
