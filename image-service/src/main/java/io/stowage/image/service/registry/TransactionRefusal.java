package io.stowage.image.service.registry;

/** Rolls back a transaction whose condition failed midway (a quota reservation that did not fit, say). */
final class TransactionRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransactionRefusal() {
        super(null, null, false, false);
    }
}
