/** Nearest-neighbour classifiers and regressors, answered by brute force over the fitted samples. */
@NullMarked
package dev.slipway.runtime.sklearn.neighbors;

import org.jspecify.annotations.NullMarked;
