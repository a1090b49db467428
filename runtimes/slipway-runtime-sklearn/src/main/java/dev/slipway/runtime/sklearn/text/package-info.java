/** Text feature extraction as scikit-learn does it, with Python's Unicode rules: vectorizers and tf-idf. */
package dev.slipway.runtime.sklearn.text;
