package io.stowage.cli;

import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidChecksumException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --checksum md5|sha256|sha512}. */
final class ChecksumAlgorithmConverter implements ITypeConverter<ChecksumAlgorithm> {
    @Override
    public ChecksumAlgorithm convert(String value) {
        try {
            return ChecksumAlgorithm.fromId(value);
        } catch (InvalidChecksumException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
