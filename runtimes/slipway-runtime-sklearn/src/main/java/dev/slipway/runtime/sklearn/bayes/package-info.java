/** Naive Bayes classifiers: multinomial, complement, Bernoulli and Gaussian. */
@NullMarked
package dev.slipway.runtime.sklearn.bayes;

import org.jspecify.annotations.NullMarked;
