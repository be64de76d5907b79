#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the fake could not start listening.
public enum FakeOpsRampError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyStarted
    /// A socket call failed; `call` names it (`socket`, `bind`, …) and `errno` says why.
    case socket(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .alreadyStarted: "the fake OpsRamp server was already started"
        case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
