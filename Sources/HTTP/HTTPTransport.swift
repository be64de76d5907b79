import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Limits applied to one exchange.
public struct TransferLimits: Sendable {
    /// Seconds from sending the request to the end of the body.
    public var timeout: Double
    /// Largest body accepted; a longer one fails with `TransportError.responseTooLarge`.
    public var maximumBodyBytes: Int

    public init(timeout: Double, maximumBodyBytes: Int) {
        self.timeout = timeout
        self.maximumBodyBytes = maximumBodyBytes
    }
}

/// Sends one request and returns the whole response; the seam tests replace.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest, limits: TransferLimits) async throws(TransportError) -> HTTPResponse
}
