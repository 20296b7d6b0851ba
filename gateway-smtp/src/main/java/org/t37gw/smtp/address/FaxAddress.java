package org.t37gw.smtp.address;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A minimal fax address (RFC 3192, obsoleting RFC 2304) taken apart: {@code FAX=+1-555-0100/T33S=12@gw}.
 *
 * @param number     the number to dial: digits only, with a leading {@code +} when written in the global
 *                   form; visual separators removed (RFC 3192 §2: they MUST be removed before dialling)
 * @param subaddress the T.33 sub-address ({@code /T33S=}), digits only, or {@code null}
 * @param parameters other {@code /KEY=value} qualifiers, keys in lower case, values as written, in the
 *                   order written (e.g. Cisco's {@code cover=yes|no}); never contains {@code t33s}
 * @param localPart  the local part exactly as received (quotes included), for ORCPT and Final-Recipient:
 *                   RFC 3192 §1, only the MTA on the right-hand side interprets it, nobody rewrites it
 * @param domain     the domain as received
 */
public record FaxAddress(String number, String subaddress, Map<String, String> parameters, String localPart,
                         String domain) {

    /** Cisco's e-mail-controllable cover page qualifier ({@code fax send coverpage e-mail-controllable}). */
    public static final String COVER = "cover";

    public FaxAddress {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (!number.matches("\\+?[0-9]+")) {
            throw new IllegalArgumentException("not a dialable number: " + number);
        }
        if (subaddress != null && !subaddress.matches("[0-9]+")) {
            throw new IllegalArgumentException("not a T.33 sub-address: " + subaddress);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Whether the number was written in the global form ({@code +} and country code). */
    public boolean global() {
        return number.startsWith("+");
    }

    /** The number's digits without the {@code +}. */
    public String digits() {
        return global() ? number.substring(1) : number;
    }

    /** The {@code /cover=} qualifier: present and {@code yes} or {@code no}; empty when not written. */
    public Optional<Boolean> cover() {
        String v = parameters.get(COVER);
        return v == null ? Optional.empty() : Optional.of(v.toLowerCase(Locale.ROOT).equals("yes"));
    }

    /** The address as received, {@code localPart@domain}. */
    public String address() {
        return localPart + "@" + domain;
    }

    @Override
    public String toString() {
        return address();
    }
}
