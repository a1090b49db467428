/** Benchmarks of the pure-Java XGBOOST_SERVER evaluator (the xgboost4j comparison is in commit 9b2c962). */
@NullMarked
package dev.slipway.bench.xgboost;

import org.jspecify.annotations.NullMarked;
