/**
 * The config language of t37gw: Cisco IOS T.37 commands ({@code mta send}, {@code mta receive},
 * {@code fax send}, {@code voice-port}, {@code dial-peer voice}) in a text file, and its checked, immutable
 * meaning ({@link org.t37gw.config.GatewayConfig}).
 *
 * <h2>Use</h2>
 * {@link org.t37gw.config.ConfigLoader#load(java.nio.file.Path)} (or {@code parse(text, fileName)})
 * returns a {@link org.t37gw.config.ConfigResult}: the config when valid, and every problem as
 * {@link org.t37gw.config.ConfigError} ({@code FILE:LINE: message}) plus warnings. It never stops at the
 * first error and never throws for a bad file. {@link org.t37gw.config.ConfigLoader#embeddedDefault()} is
 * the config of {@code t37gw run} without {@code --config}. {@link org.t37gw.config.GatewayConfig#render()}
 * prints the effective config for the start-up log, passwords as {@code [hidden]}.
 *
 * <h2>How it works</h2>
 * <ol>
 * <li>{@code CommandTable} lists every command once: its words, argument syntax, help, default, the
 *     block it belongs in (global, {@code voice-port}, {@code dial-peer}), the dial-peer kinds it applies
 *     to, whether {@code no} is accepted, how often it may appear, and a handler. The reference
 *     {@code docs/config-reference.md} is generated from it by {@link org.t37gw.config.ConfigReference}.</li>
 * <li>Syntax ({@code ConfigSyntax}): lines to a tree. {@code !} starts a comment line; indentation does not
 *     matter; a sub-command belongs to the block opened above it; {@code exit} or a global command closes
 *     the block. Unknown commands get "did you mean" (edit distance on command words); a command of
 *     another block is an error.</li>
 * <li>Meaning ({@code Binder}): handlers check and convert arguments (numbers and ranges, ports, IP
 *     addresses, host names, CIDRs, e-mail addresses, dial patterns through
 *     {@link org.t37gw.dialpeer.DialPattern#parse(String)}, {@code mailto:} targets, {@code $x$} macros)
 *     into drafts; then cross checks (voice-ports named by {@code port} and {@code driver loopback}
 *     exist, tags and names are unique, known applications, at most 10 servers/aliases, resources not
 *     shared) and the immutable records.</li>
 * </ol>
 *
 * <p>Names and meanings follow the Cisco IOS Voice Command Reference (T.37 store-and-forward fax)
 * where IOS has the command; additions (SMTP listen address, TLS, AUTH, Maildir delivery, retries,
 * port drivers) are marked "Not in IOS" in the reference.
 */
package org.t37gw.config;
