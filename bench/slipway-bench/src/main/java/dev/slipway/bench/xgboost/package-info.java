/** Benchmarks of the pure-Java XGBOOST_SERVER evaluator (the xgboost4j comparison is in commit 9b2c962). */
package dev.slipway.bench.xgboost;
