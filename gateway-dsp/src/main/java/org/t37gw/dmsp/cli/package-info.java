/**
 * The {@code t37gw doc} command ({@code info}, {@code convert}), provided to the core's launcher through
 * the {@link org.t37gw.cli.CliCommand} service interface.
 */
package org.t37gw.dmsp.cli;
