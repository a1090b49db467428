/** GitOps: desired state (deployment specs) versus live state (what a runtime target runs). */
package dev.slipway.gitops;
