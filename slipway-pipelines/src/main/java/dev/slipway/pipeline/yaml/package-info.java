/** Reading jenkins-x.yml into validated pipeline templates, and writing the equivalent Jenkinsfile. */
package dev.slipway.pipeline.yaml;
