/** GitOps: desired state (deployment specs) versus live state (what a runtime target runs). */
@NullMarked
package dev.slipway.gitops;

import org.jspecify.annotations.NullMarked;
