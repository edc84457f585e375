/**
 * The storage SPI: {@link dev.denokv.handler.DatabaseHandler} and the records it exchanges. It
 * works on encoded keys and raw values, like denokv's {@code Database} trait.
 */
package dev.denokv.handler;
