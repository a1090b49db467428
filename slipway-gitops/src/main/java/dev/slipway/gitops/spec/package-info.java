/** SeldonDeployment specs: an immutable record model, a parser for three apiVersions, and a validator. */
package dev.slipway.gitops.spec;
