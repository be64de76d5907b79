#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether this process can reach its own listener on 127.0.0.1.
///
/// Binding a loopback port succeeds even where the loopback interface is down (a container or
/// sandbox started without networking, `unshare -n`), but every connection then fails, and the
/// demo's token request would blame the OpsRamp settings and the network the demo never uses. One
/// connect at start-up tells the two apart.
enum LoopbackProbe {
    /// `nil` when a TCP connection to `127.0.0.1:port` is accepted, else the system's reason.
    static func failure(connectingTo port: Int) -> String? {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return "socket: " + String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0 ? nil : "connect: " + String(cString: strerror(errno))
    }
}
