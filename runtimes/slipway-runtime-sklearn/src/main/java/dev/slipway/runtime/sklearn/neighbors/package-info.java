/** Nearest-neighbour classifiers and regressors, answered by brute force over the fitted samples. */
package dev.slipway.runtime.sklearn.neighbors;
