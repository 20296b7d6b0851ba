package org.t37gw.dmsp.tiff;

import java.io.IOException;

/** The data is not a TIFF file we can read, or a page of it cannot be decoded as a fax page. */
public class TiffFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TiffFormatException(String message) {
        super(message);
    }
}
