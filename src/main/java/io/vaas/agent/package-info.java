/**
 * vaas-agent: the fetch agent that writes bundles atomically into {@code /con} volumes.
 * JDK only ({@code java.*}, {@code javax.*}); nothing in the server depends on it, and it
 * depends on nothing in the server.
 */
package io.vaas.agent;
