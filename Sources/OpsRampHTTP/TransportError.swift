import OpsRampSecrets
import OpsRampSupport

/// Why an HTTP exchange produced no complete response.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No complete answer within the per-request timeout.
    case timedOut(after: Duration)
    /// The host could not be reached: refused, unresolvable, a TLS handshake that broke off.
    case cannotConnect(String)
    /// The server's TLS certificate was not accepted (unknown CA, wrong host name, expired). Nothing
    /// was sent over the connection, and trying again cannot help.
    case certificateRejected(String)
    /// The proxy on the way refused the tunnel, could not be resolved or reached. Not retried: it
    /// answers the same way until its settings change.
    case proxyFailed(String)
    /// The connection broke mid-exchange: reset, closed early, truncated body.
    case connectionLost(String)
    /// The body grew past the configured cap; reading stopped there.
    case responseTooLarge(limit: Int)
    /// The answer came compressed although the request asked for none; it was not read,
    /// since a compressed body cannot be held to the size cap.
    case compressedResponse(encoding: String)
    /// The caller's task was cancelled.
    case cancelled
    case other(String)

    public var description: String {
        switch self {
        case .timedOut(let wait): "no answer within \(Self.show(wait.seconds)) s"
        case .cannotConnect(let detail): "cannot connect (\(detail))"
        case .certificateRejected(let detail): "the server's certificate was not accepted (\(detail))"
        case .proxyFailed(let detail): "the proxy failed (\(detail))"
        case .connectionLost(let detail): "the connection was lost (\(detail))"
        case .responseTooLarge(let limit): "the response exceeded \(limit) bytes"
        case .compressedResponse(let encoding):
            "the answer came compressed (Content-Encoding: \(Excerpt.of(encoding, limit: 40))) although the request asked for "
                + "none (Accept-Encoding: identity); it was not read, because a compressed answer cannot be held to the size limit"
        case .cancelled: "cancelled"
        case .other(let detail): detail
        }
    }

    /// Worth another try for an idempotent request.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .cannotConnect, .connectionLost: true
        case .certificateRejected, .proxyFailed, .responseTooLarge, .compressedResponse, .cancelled, .other: false
        }
    }

    private static func show(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
