package org.t37gw.smtp.address;

import java.util.Objects;

/** The outcome of {@link FaxAddressParser#parse}: a fax address, or why not. */
public sealed interface FaxAddressParse {

    /** A valid fax address. */
    record Valid(FaxAddress address) implements FaxAddressParse {
        public Valid {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * Not acceptable.
     *
     * @param error  the class of problem, which carries the SMTP reply
     * @param detail what exactly, for the reply text and the log
     */
    record Invalid(AddressError error, String detail) implements FaxAddressParse {
        public Invalid {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
