/** Kernel support vector machines trained by libsvm: SVC, NuSVC, SVR, NuSVR and OneClassSVM. */
package dev.slipway.runtime.sklearn.svm;
