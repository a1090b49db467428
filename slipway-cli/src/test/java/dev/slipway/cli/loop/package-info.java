/** Integration tests of the whole loop: push, pipeline, staging, promotion request. */
package dev.slipway.cli.loop;
