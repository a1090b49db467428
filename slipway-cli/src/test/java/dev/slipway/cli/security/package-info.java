/** Issue 13's attacks on the command line: secrets on argv, risky ways to start slipway up. */
package dev.slipway.cli.security;
