package org.t37gw.smtp.dsn;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ORCPT=} of RFC 3461 §4.2: the recipient as first given, kept for the DSN's
 * {@code Original-Recipient} field.
 *
 * @param addressType e.g. {@code rfc822}
 * @param address     the decoded address
 */
public record OriginalRecipient(String addressType, String address) {

    public OriginalRecipient {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }

    /** Parses {@code addr-type ";" xtext}; empty when malformed. */
    public static Optional<OriginalRecipient> parse(String value) {
        int semi = value.indexOf(';');
        if (semi <= 0 || semi == value.length() - 1) {
            return Optional.empty();
        }
        String type = value.substring(0, semi);
        if (!type.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OriginalRecipient(type, Xtext.decode(value.substring(semi + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ORCPT parameter value, address xtext-encoded. */
    public String toParameter() {
        return addressType + ";" + Xtext.encode(address);
    }

    /** The DSN field value, {@code rfc822;addr}. */
    public String toField() {
        return addressType + ";" + address;
    }
}
