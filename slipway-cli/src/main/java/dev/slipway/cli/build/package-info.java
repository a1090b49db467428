/** What this distribution was built from (version and commit), read by the root command and the templates. */
@NullMarked
package dev.slipway.cli.build;

import org.jspecify.annotations.NullMarked;
