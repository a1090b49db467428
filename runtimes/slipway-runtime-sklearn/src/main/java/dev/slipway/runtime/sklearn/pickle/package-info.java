/** A safe, allowlist-driven pickle virtual machine and joblib reader: nothing in a file is ever executed. */
@NullMarked
package dev.slipway.runtime.sklearn.pickle;

import org.jspecify.annotations.NullMarked;
