package io.stowage.tck.net;

/** The network fault suite against the TCK's own loopback HTTP backend, which must pass it. */
class LoopbackHttpStoreNetworkFaultTest extends NetworkFaultTest {
    @Override
    protected NetworkFaultTckEnvironment environment() throws Exception {
        return new LoopbackHttpTckEnvironment(LoopbackHttpStore.Defect.NONE);
    }
}
