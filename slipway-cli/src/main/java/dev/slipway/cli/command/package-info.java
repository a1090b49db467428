/** One class per slipway subcommand. */
@NullMarked
package dev.slipway.cli.command;

import org.jspecify.annotations.NullMarked;
