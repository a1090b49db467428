/** The PYTHON runtime: Seldon Python model classes served unchanged by worker processes behind the Java server. */
package dev.slipway.runtime.python;
