/** Benchmarks of the pure-Java XGBOOST_SERVER evaluator against xgboost4j. */
package dev.slipway.bench.xgboost;
