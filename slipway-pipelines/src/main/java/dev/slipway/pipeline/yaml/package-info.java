/** Reading jenkins-x.yml into validated pipeline templates, and writing the equivalent Jenkinsfile. */
@NullMarked
package dev.slipway.pipeline.yaml;

import org.jspecify.annotations.NullMarked;
