/** {@code t37gw fax}: one fax session from the command line (T.38 now; Class 1/2 modems later). */
package org.t37gw.fmsp.cli;
