/** Pipelines: jenkins-x.yml definitions run as processes, with logs, masked secrets and triggers. */
@NullMarked
package dev.slipway.pipeline;

import org.jspecify.annotations.NullMarked;
