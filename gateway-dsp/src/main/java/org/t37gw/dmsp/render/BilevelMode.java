package org.t37gw.dmsp.render;

/** How grey becomes black and white. */
public enum BilevelMode {
    /** Pick {@link #THRESHOLD} or {@link #DITHER} from the grey histogram (see {@link Bilevel#choose}). */
    AUTO,
    /** Fixed threshold: crisp text and line art. */
    THRESHOLD,
    /** Floyd-Steinberg error diffusion: photographs and shaded areas keep their tones. */
    DITHER
}
