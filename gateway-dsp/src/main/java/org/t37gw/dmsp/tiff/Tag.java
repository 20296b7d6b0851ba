package org.t37gw.dmsp.tiff;

/** TIFF tag numbers the fax profiles use (TIFF 6.0; RFC 3949 §2 for the fax ones). */
final class Tag {
    static final int NEW_SUBFILE_TYPE = 254;
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int FILL_ORDER = 266;
    static final int STRIP_OFFSETS = 273;
    static final int ORIENTATION = 274;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int X_RESOLUTION = 282;
    static final int Y_RESOLUTION = 283;
    static final int PLANAR_CONFIG = 284;
    static final int T4_OPTIONS = 292;
    static final int T6_OPTIONS = 293;
    static final int RESOLUTION_UNIT = 296;
    static final int PAGE_NUMBER = 297;
    static final int SOFTWARE = 305;
    static final int DATE_TIME = 306;
    static final int BAD_FAX_LINES = 326;
    static final int CLEAN_FAX_DATA = 327;
    static final int CONSECUTIVE_BAD_FAX_LINES = 328;

    static final int SHORT = 3;
    static final int LONG = 4;
    static final int RATIONAL = 5;
    static final int ASCII = 2;

    private Tag() {
    }
}
