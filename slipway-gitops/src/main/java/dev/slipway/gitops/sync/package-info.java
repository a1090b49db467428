/** The sync controller: keeps what a runtime target runs equal to each environment folder on main. */
@NullMarked
package dev.slipway.gitops.sync;

import org.jspecify.annotations.NullMarked;
