/** The sync controller: keeps what a runtime target runs equal to each environment folder on main. */
package dev.slipway.gitops.sync;
