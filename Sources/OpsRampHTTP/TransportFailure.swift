import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads why a transfer failed from what URLSession reports. On Linux, URLSession gives
/// certificate and proxy failures no code of their own (`URLError.unknown`, -1): libcurl's
/// message is the only place they show, so it is read as well as the code.
enum TransportFailure {
    /// `code` and `message` as URLSession reports them; `target` is the URL that was requested,
    /// to tell a failed connection to the proxy from one to the server itself.
    static func classify(code: URLError.Code, message: String, target: URL?, timeout: Duration) -> TransportError {
        switch code {
        case .timedOut: return .timedOut(after: timeout)
        case .cancelled: return .cancelled
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return .certificateRejected(message)
        default: break
        }
        if namesCertificate(message) { return .certificateRejected(message) }
        if namesProxy(message) || connectedElsewhere(message, target: target) { return .proxyFailed(message) }
        switch code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .secureConnectionFailed, .clientCertificateRejected:
            return .cannotConnect(message)
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource, .resourceUnavailable:
            return .connectionLost(message)
        default:
            return namesBrokenTransfer(message) ? .connectionLost(message) : .other(message)
        }
    }

    /// libcurl's certificate failures: "SSL certificate problem: unable to get local issuer certificate",
    /// "... self-signed certificate", "... certificate has expired", "SSL: no alternative certificate
    /// subject name matches target host name 'x'", "SSL peer certificate or SSH remote key was not OK".
    static func namesCertificate(_ message: String) -> Bool {
        let text = message.lowercased()
        return text.contains("certificate") && !text.contains("client certificate")
    }

    /// libcurl's proxy failures: "CONNECT tunnel failed, response 403", "Could not resolve proxy: x",
    /// "Proxy CONNECT aborted", "Received HTTP code 407 from proxy after CONNECT", "Unsupported proxy ...".
    static func namesProxy(_ message: String) -> Bool {
        let text = message.lowercased()
        return text.contains("proxy") || text.contains("connect tunnel failed")
    }

    /// libcurl's transfers that broke off after the request went out, which URLSession on Linux reports
    /// without a code of their own: "transfer closed with 23 bytes remaining to read", "transfer closed
    /// with outstanding read data remaining" (a body cut short), "Empty reply from server", "Recv
    /// failure: Connection reset by peer", "Send failure: Broken pipe".
    static func namesBrokenTransfer(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["transfer closed with", "empty reply from server", "recv failure", "send failure"].contains { text.contains($0) }
    }

    /// "Failed to connect to H port P" where H:P is not the requested host and port: libcurl was
    /// connecting to something else on the way, which can only be the proxy.
    static func connectedElsewhere(_ message: String, target: URL?) -> Bool {
        guard let target, let host = target.host?.lowercased(),
            let start = message.range(of: "Failed to connect to ", options: .caseInsensitive)
        else { return false }
        let rest = message[start.upperBound...]
        guard let portMark = rest.range(of: " port ") else { return false }
        let named = rest[..<portMark.lowerBound].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let portText = rest[portMark.upperBound...].prefix { $0.isASCII && $0.isNumber }
        let targetPort = target.port ?? (target.scheme?.lowercased() == "http" ? 80 : 443)
        let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return named != bareHost || Int(portText) != targetPort
    }
}
