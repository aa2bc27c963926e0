package io.stowage.tck.download;

class MemoryDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() {
        return new MemoryDownloadHandlerTckEnvironment();
    }
}
