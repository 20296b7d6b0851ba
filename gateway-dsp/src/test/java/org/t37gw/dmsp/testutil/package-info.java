/** Test helpers: external tools (libtiff, Ghostscript) and generated pages. */
package org.t37gw.dmsp.testutil;
