package io.stowage.file;

import io.stowage.tck.download.DownloadHandlerContractTest;
import io.stowage.tck.download.DownloadHandlerTckEnvironment;

class FileDownloadHandlerContractTest extends DownloadHandlerContractTest {
    @Override
    protected DownloadHandlerTckEnvironment environment() throws Exception {
        return new FileDownloadHandlerTckEnvironment();
    }
}
