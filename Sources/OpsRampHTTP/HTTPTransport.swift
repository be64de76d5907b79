import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Limits applied to one exchange.
public struct TransferLimits: Sendable {
    /// From sending the request to the end of the body.
    public var timeout: Duration
    /// Largest body accepted; a longer one fails with `TransportError.responseTooLarge`.
    public var maximumBodyBytes: Int

    public init(timeout: Duration, maximumBodyBytes: Int) {
        self.timeout = timeout
        self.maximumBodyBytes = maximumBodyBytes
    }
}

/// Sends one request and returns the whole response; the seam tests replace.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest, limits: TransferLimits) async throws(TransportError) -> HTTPResponse
}
