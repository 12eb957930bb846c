/**
 * Request and response bodies of the HTTP APIs one service calls on another (identity on
 * recognition and attendance): the servers return these records and identity's REST clients
 * read them, so both sides compile against one definition; the contract tests compare both
 * sides with the examples under {@code contracts/} in this module's resources.
 */
package org.rollcall.events.api;
