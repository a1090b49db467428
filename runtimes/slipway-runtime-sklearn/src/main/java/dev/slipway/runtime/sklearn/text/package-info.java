/** Text feature extraction as scikit-learn does it, with Python's Unicode rules: vectorizers and tf-idf. */
@NullMarked
package dev.slipway.runtime.sklearn.text;

import org.jspecify.annotations.NullMarked;
