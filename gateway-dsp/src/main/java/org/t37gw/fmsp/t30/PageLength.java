package org.t37gw.fmsp.t30;

/** Recording lengths of T.30 Table 2 bits 19-20, shortest first. */
public enum PageLength { A4, B4, UNLIMITED }
