/**
 * JMH benchmarks of the codec (run by {@code scripts/bench codec}, compiled but never run by
 * {@code mvn test}) and the pages and files they use.
 */
package org.t37gw.dmsp.bench;
