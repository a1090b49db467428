/** Multi-layer perceptrons: the forward pass of MLPClassifier and MLPRegressor. */
package dev.slipway.runtime.sklearn.neural;
