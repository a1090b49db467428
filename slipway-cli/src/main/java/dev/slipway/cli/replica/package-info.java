/**
 * How this distribution starts replica JVMs: the smallest class path per runtime and its class-data-sharing archive
 * ({@link dev.slipway.cli.replica.ReplicaJvm}).
 */
package dev.slipway.cli.replica;
