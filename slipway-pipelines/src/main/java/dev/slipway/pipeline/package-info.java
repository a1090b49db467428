/** Pipelines: jenkins-x.yml definitions run as processes, with logs, masked secrets and triggers. */
package dev.slipway.pipeline;
