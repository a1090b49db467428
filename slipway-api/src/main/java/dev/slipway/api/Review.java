package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/promotions/{id}/approve} and {@code …/reject}.
 *
 * @param user who decides (with {@code up --auth}: the authenticated user unless an admin names another one)
 * @param reason why (required to reject; null to approve)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Review(String user, String reason) {}
