/** SeldonDeployment specs: an immutable record model, a parser for three apiVersions, and a validator. */
@NullMarked
package dev.slipway.gitops.spec;

import org.jspecify.annotations.NullMarked;
