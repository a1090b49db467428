/** The slipway command line: the root command and process wiring. */
package dev.slipway.cli;
