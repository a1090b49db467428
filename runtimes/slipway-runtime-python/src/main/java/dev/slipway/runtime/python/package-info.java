/** The PYTHON runtime: Seldon Python model classes served unchanged by worker processes behind the Java server. */
@NullMarked
package dev.slipway.runtime.python;

import org.jspecify.annotations.NullMarked;
