/** The slipway command line: the root command and process wiring. */
@NullMarked
package dev.slipway.cli;

import org.jspecify.annotations.NullMarked;
