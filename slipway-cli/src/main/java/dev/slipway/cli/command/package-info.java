/** One class per slipway subcommand. */
package dev.slipway.cli.command;
