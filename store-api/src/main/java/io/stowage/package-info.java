/**
 * The Stowage SPI: what a backend compiles against and what a caller of a store sees. It depends
 * on the JDK and the SLF4J API only.
 *
 * <ul>
 *   <li>Values: {@link io.stowage.Location}, {@link io.stowage.ObjectId}, {@link io.stowage.ByteRange},
 *       {@link io.stowage.Checksum} and {@link io.stowage.Checksums}.</li>
 *   <li>The store: {@link io.stowage.Store} (its javadoc is the contract), {@link io.stowage.Capability},
 *       {@link io.stowage.AddOptions}, {@link io.stowage.StoredObject}, {@link io.stowage.ObjectStream}.</li>
 *   <li>Backends: {@link io.stowage.StoreProvider}, found with {@link java.util.ServiceLoader}, creating a
 *       store from its {@link io.stowage.Settings}; {@link io.stowage.ContractEnforcingStore}, the decorator
 *       that enforces the contract in front of every store.</li>
 *   <li>Errors: one family rooted in {@link io.stowage.StoreException}, an {@link java.io.IOException}.</li>
 * </ul>
 *
 * <h2>Invalid arguments: one rule</h2>
 * <ul>
 *   <li><b>Text from outside</b> — read by {@link io.stowage.ObjectId#of}, {@link io.stowage.Location#parse},
 *       {@link io.stowage.Checksum#parse} and {@link io.stowage.ChecksumAlgorithm#fromId} — is refused,
 *       whatever it is (null too: a value missing from a document is outside text), with the checked
 *       error of its kind: {@link io.stowage.InvalidIdException}, {@link io.stowage.InvalidLocationException},
 *       {@link io.stowage.InvalidChecksumException}. Their messages quote the text redacted and shortened
 *       ({@link io.stowage.Redaction#quote}). Nothing unchecked escapes them.</li>
 *   <li><b>Values built by code</b> — {@link io.stowage.Location#of}, the {@link io.stowage.Checksum} and
 *       {@link io.stowage.ByteRange} constructors, the builders and factories of options and results —
 *       treat an invalid value as a programming error: {@link java.lang.NullPointerException} naming the
 *       null argument, {@link java.lang.IllegalArgumentException} for any other invalid value.</li>
 * </ul>
 */
package io.stowage;
