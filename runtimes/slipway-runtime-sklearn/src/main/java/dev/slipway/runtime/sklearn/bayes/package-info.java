/** Naive Bayes classifiers: multinomial, complement, Bernoulli and Gaussian. */
package dev.slipway.runtime.sklearn.bayes;
