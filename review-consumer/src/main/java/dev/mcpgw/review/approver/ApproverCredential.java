package dev.mcpgw.review.approver;

import java.util.List;

/**
 * One approver of the config: an id, exactly one of a password (typically {@code ${ENV}}) or a
 * bcrypt {@code passwordHash}, and groups and roles that rules may name.
 */
public record ApproverCredential(String id, String password, String passwordHash, List<String> groups, List<String> roles) {
}
