/** Repository templates: the files of {@code slipway repo create} and the quickstart's model repository. */
@NullMarked
package dev.slipway.cli.template;

import org.jspecify.annotations.NullMarked;
