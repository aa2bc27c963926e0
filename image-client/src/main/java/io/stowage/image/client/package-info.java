/**
 * The compute side of the image service (Nova's image service, seed {@code 000}): {@link
 * io.stowage.image.client.ImageClient} talks to a Glance v2 API through a list of API servers,
 * shuffled once and cycled, retrying connection failures, timeouts and 503 on the next server; it
 * downloads an image straight from one of its locations when the scheme is allowed and a download
 * handler exists, else through the API (a broken body resumed on the next server with
 * {@code Range}), and verifies the data against the image's size and hash before the target file
 * appears.
 */
package io.stowage.image.client;
