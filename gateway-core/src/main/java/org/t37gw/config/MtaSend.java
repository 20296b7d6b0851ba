package org.t37gw.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code mta send ...} commands: how the on-ramp (and DSN/MDN generation) sends mail.
 *
 * @param servers                 {@code mta send server}, up to {@link #MAX_SERVERS}, tried in order
 * @param subject                 {@code mta send subject}, may hold {@code $a$ $d$ $p$ $s$ $t$}; {@code null} = none
 * @param withSubject             {@code mta send with-subject}
 * @param originPrefix            {@code mta send origin-prefix}, or {@code null}
 * @param postmaster              {@code mta send postmaster} address, or {@code null}
 * @param mailFromUsername        {@code mta send mail-from username} ({@code $s$} = calling number), or {@code null}
 * @param mailFromHostname        {@code mta send mail-from hostname}, or {@code null}
 * @param returnReceiptToUsername {@code mta send return-receipt-to username} or {@code $s$}, or {@code null}
 * @param returnReceiptToHostname {@code mta send return-receipt-to hostname}, or {@code null}
 * @param filename                {@code mta send filename} base name, without {@code .tif}
 * @param filenameDate            {@code mta send filename ... date}: append {@code _yyyymmdd}
 * @param successFaxOnly          {@code mta send success-fax-only}
 * @param attachPdf               {@code mta send attach-pdf}: a PDF of the fax beside the TIFF-F attachment
 * @param auth                    {@code mta send auth}, or {@code null}
 * @param tls                     {@code mta send tls}
 * @param maildir                 {@code mta send maildir} as written, or {@code null}; see {@link #maildir(Path)}
 */
public record MtaSend(
        List<Server> servers,
        String subject,
        WithSubject withSubject,
        String originPrefix,
        String postmaster,
        String mailFromUsername,
        String mailFromHostname,
        String returnReceiptToUsername,
        String returnReceiptToHostname,
        String filename,
        boolean filenameDate,
        boolean successFaxOnly,
        Auth auth,
        Tls tls,
        String maildir,
        boolean attachPdf) {

    /** IOS allows 10 {@code mta send server} lines. */
    public static final int MAX_SERVERS = 10;
    /** Default SMTP port of {@code mta send server}. */
    public static final int DEFAULT_PORT = 25;
    /** Default attachment base name (IOS uses {@code Cisco_fax}). */
    public static final String DEFAULT_FILENAME = "fax";
    /** Default {@code mta send tls}. */
    public static final Tls DEFAULT_TLS = Tls.STARTTLS;

    public MtaSend {
        servers = List.copyOf(servers);
        withSubject = withSubject == null ? WithSubject.NONE : withSubject;
        filename = filename == null ? DEFAULT_FILENAME : filename;
        tls = tls == null ? DEFAULT_TLS : tls;
    }

    /** Every field at its default. */
    public static MtaSend defaults() {
        return new MtaSend(List.of(), null, null, null, null, null, null, null, null, null, false, false, null,
                null, null, false);
    }

    /** Whether outgoing mail goes into a Maildir instead of SMTP. */
    public boolean deliversToMaildir() {
        return maildir != null;
    }

    /** The Maildir resolved against the state directory ({@code --state DIR}), or {@code null}. */
    public Path maildir(Path stateDirectory) {
        return maildir == null ? null : stateDirectory.resolve(maildir);
    }

    /**
     * One {@code mta send server HOST [port N]}.
     *
     * @param host IP literal or host name (no MX lookup, as IOS)
     * @param port 1..65535
     */
    public record Server(String host, int port) {
        public Server {
            Objects.requireNonNull(host, "host");
        }
    }

    /** {@code mta send with-subject}: which numbers go into the Subject. */
    public enum WithSubject {
        /** Not configured. */
        NONE,
        /** {@code $d$}: the called number. */
        CALLED,
        /** {@code $s$}: the calling number. */
        CALLING,
        /** {@code both}. */
        BOTH
    }

    /** {@code mta send tls}. */
    public enum Tls {
        /** Plain SMTP, never STARTTLS. */
        NONE,
        /** STARTTLS when the server offers it (opportunistic). */
        STARTTLS,
        /** STARTTLS, and fail the delivery (temporarily) when the server does not offer it. */
        REQUIRED
    }

    /**
     * {@code mta send auth USER PASSWORD}: SMTP AUTH credentials.
     *
     * @param user     user name
     * @param password the password; prints as {@code [hidden]}
     */
    public record Auth(String user, Secret password) {
        public Auth {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }
}
