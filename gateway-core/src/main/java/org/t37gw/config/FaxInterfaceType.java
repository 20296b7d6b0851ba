package org.t37gw.config;

/** {@code fax interface-type fax-mail|modem|vfc}. */
public enum FaxInterfaceType {
    /** {@code fax-mail}: store-and-forward on the voice ports (our default). */
    FAX_MAIL("fax-mail"),
    /** {@code modem}: IOS modem cards; accepted for compatibility, treated as {@code fax-mail}. */
    MODEM("modem"),
    /** {@code vfc}: IOS's older name for {@code fax-mail}. */
    VFC("vfc");

    private final String keyword;

    FaxInterfaceType(String keyword) {
        this.keyword = keyword;
    }

    /** The config keyword. */
    public String keyword() {
        return keyword;
    }
}
