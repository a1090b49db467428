/** What pipeline runs may write through the API (their own commit's promotions, server registrations). */
package dev.slipway.controlplane.runs;
