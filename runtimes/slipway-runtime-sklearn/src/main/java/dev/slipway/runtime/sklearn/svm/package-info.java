/** Kernel support vector machines trained by libsvm: SVC, NuSVC, SVR, NuSVR and OneClassSVM. */
@NullMarked
package dev.slipway.runtime.sklearn.svm;

import org.jspecify.annotations.NullMarked;
