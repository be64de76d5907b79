#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one wait on the listening socket produced.
enum AcceptResult {
    case connection(Int32)
    case timedOut
    case failed(Int32)
}

/// The handful of POSIX socket calls the fake uses, with the Glibc/Darwin spelling differences
/// kept here. File descriptors are plain `Int32`s; whoever accepted one closes it.
enum POSIXSocket {
    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    /// Writing to a socket the peer closed must fail with EPIPE, not kill the test process.
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif

    /// A socket listening on 127.0.0.1 at an ephemeral port, with `SO_REUSEADDR`.
    static func listenOnLoopback(backlog: Int32 = 128) throws(FakeOpsRampError) -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw .socket(call: "socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(0)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return try fail("bind", closing: fd) }
        guard listen(fd, backlog) == 0 else { return try fail("listen", closing: fd) }

        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return try fail("getsockname", closing: fd) }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    private static func fail(_ call: String, closing fd: Int32) throws(FakeOpsRampError) -> (fd: Int32, port: Int) {
        let code = errno
        close(fd)
        throw .socket(call: call, errno: code)
    }

    /// Waits up to `timeoutMilliseconds` for a connection, so the accept loop can notice `stop()`.
    static func accept(on listener: Int32, timeoutMilliseconds: Int32) -> AcceptResult {
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        let ready = poll(&waiting, 1, timeoutMilliseconds)
        if ready == 0 { return .timedOut }
        if ready < 0 { return errno == EINTR ? .timedOut : .failed(errno) }
        let fd = acceptPending(listener)
        if fd < 0 { return errno == EINTR || errno == EAGAIN || errno == ECONNABORTED ? .timedOut : .failed(errno) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return .connection(fd)
    }

    private static func acceptPending(_ listener: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.accept(listener, nil, nil)
        #else
        Darwin.accept(listener, nil, nil)
        #endif
    }

    /// Appends what arrives to `buffer`; returns the byte count, 0 at end of stream, -1 on error.
    static func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) }
            return count
        }
    }

    /// Sends every byte; `false` when the peer went away.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, base + offset, raw.count - offset, sendFlags)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// Wakes any thread blocked on `fd` (recv returns 0, send fails) without releasing the descriptor.
    static func shutdownBoth(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Stops sending (the peer reads end of stream) but keeps the descriptor.
    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Makes the next `close` send a TCP reset instead of an orderly FIN.
    static func setAbortiveClose(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }
}
