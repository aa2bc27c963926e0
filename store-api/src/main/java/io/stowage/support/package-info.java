/**
 * Helpers that Stowage's own modules share and a backend may use: {@link
 * io.stowage.support.AtomicFile}, the one implementation of "write a temp file beside the
 * target, force it to the device, give it the target's name atomically, force the directory,
 * and remove the temp file on every failure" (the file store's adds, the direct downloader's
 * targets, {@code stowage get -o}). Not part of the store SPI: nothing in {@link io.stowage.Store}
 * refers to it.
 */
package io.stowage.support;
