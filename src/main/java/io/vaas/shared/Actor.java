package io.vaas.shared;

/**
 * Who did something: recorded as author of versions and, later, in audit events.
 *
 * @param id stable id of the credential (an operator token id)
 * @param name human-readable name of that credential
 */
public record Actor(String id, String name) {

}
