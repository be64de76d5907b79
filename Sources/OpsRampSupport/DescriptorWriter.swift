#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole buffer to a file descriptor: partial writes are continued, interrupted ones
/// retried, and a non-blocking descriptor that is full is waited for rather than given up on.
public enum DescriptorWriter {
    /// False when the descriptor cannot take more (closed pipe, full disk, any other error).
    /// `waitWhenFull: false` gives up on a full non-blocking descriptor instead of waiting.
    @discardableResult
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32, waitWhenFull: Bool = true) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && waitWhenFull {
                    // A host may hand over a non-blocking pipe: wait until it drains.
                    var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&request, 1, 1_000)
                    if request.revents & Int16(POLLERR | POLLHUP) != 0 { return false }
                } else {
                    return false
                }
            }
            return true
        }
    }
}
