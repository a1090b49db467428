/** Multi-layer perceptrons: the forward pass of MLPClassifier and MLPRegressor. */
@NullMarked
package dev.slipway.runtime.sklearn.neural;

import org.jspecify.annotations.NullMarked;
