import Foundation
import Testing

@testable import OpsRampHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// URLSession's reports as measured on Linux (libcurl 7.88), read into what went wrong.
@Suite("HTTP: why a transfer failed")
struct TransportFailureTests {
    static let target = URL(string: "https://acme.api.opsramp.com/tenancy/auth/oauth/token")

    enum Kind: String, Sendable {
        case certificate, proxy, cannotConnect, connectionLost, timedOut, other
    }

    static func kind(_ error: TransportError) -> Kind {
        switch error {
        case .certificateRejected: .certificate
        case .proxyFailed: .proxy
        case .cannotConnect: .cannotConnect
        case .connectionLost: .connectionLost
        case .timedOut: .timedOut
        default: .other
        }
    }

    @Test(
        "certificate and proxy failures are told apart from a host that is down or a transfer cut short, by code and by libcurl's message",
        arguments: [
            (URLError.Code.unknown, "SSL certificate problem: unable to get local issuer certificate", Kind.certificate),
            (.unknown, "SSL certificate problem: self-signed certificate in certificate chain", .certificate),
            (.unknown, "SSL certificate problem: certificate has expired", .certificate),
            (.unknown, "SSL: no alternative certificate subject name matches target host name 'acme.api.opsramp.com'", .certificate),
            (.serverCertificateUntrusted, "The certificate for this server is invalid.", .certificate),
            (.serverCertificateHasBadDate, "expired", .certificate),
            (.unknown, "CONNECT tunnel failed, response 403", .proxy),
            (.unknown, "CONNECT tunnel failed, response 407", .proxy),
            (.unknown, "Could not resolve proxy: proxy.corp", .proxy),
            (.unknown, "Received HTTP code 407 from proxy after CONNECT", .proxy),
            (.cannotConnectToHost, "Failed to connect to 127.0.0.1 port 3128 after 0 ms: Couldn't connect to server", .proxy),
            (.cannotConnectToHost, "Failed to connect to acme.api.opsramp.com port 3128 after 2 ms: Couldn't connect to server", .proxy),
            (.cannotConnectToHost, "Failed to connect to acme.api.opsramp.com port 443 after 2 ms: Couldn't connect to server", .cannotConnect),
            (.cannotFindHost, "Could not resolve host: acme.api.opsramp.com", .cannotConnect),
            (.secureConnectionFailed, "OpenSSL SSL_connect: Connection reset by peer in connection to acme.api.opsramp.com:443", .cannotConnect),
            (.networkConnectionLost, "Recv failure: Connection reset by peer", .connectionLost),
            (.unknown, "Recv failure: Connection reset by peer", .connectionLost),
            (.unknown, "transfer closed with 23 bytes remaining to read", .connectionLost),
            (.unknown, "transfer closed with outstanding read data remaining", .connectionLost),
            (.unknown, "Empty reply from server", .connectionLost),
            (.unknown, "Send failure: Broken pipe", .connectionLost),
            (.timedOut, "Operation timed out", .timedOut),
            (.clientCertificateRejected, "client certificate required", .cannotConnect),
            (.badURL, "The operation could not be completed.", .other),
        ])
    func classify(_ code: URLError.Code, _ message: String, _ expected: Kind) {
        let error = TransportFailure.classify(code: code, message: message, target: Self.target, timeout: .seconds(5))
        #expect(Self.kind(error) == expected, "\(message) -> \(error)")
    }

    @Test("a certificate or proxy failure is not retried; a host that is down or a dropped connection is")
    func transience() {
        #expect(!TransportError.certificateRejected("x").isTransient)
        #expect(!TransportError.proxyFailed("x").isTransient)
        #expect(TransportError.cannotConnect("x").isTransient)
        #expect(TransportError.connectionLost("x").isTransient)
    }

    @Test("a connection to the requested host is not mistaken for the proxy: default ports, explicit ports, IPv6")
    func sameHost() throws {
        let plain = try #require(URL(string: "http://opsramp.internal/x"))
        #expect(!TransportFailure.connectedElsewhere("Failed to connect to opsramp.internal port 80 after 1 ms", target: plain))
        let explicit = try #require(URL(string: "https://localhost:8443/x"))
        #expect(!TransportFailure.connectedElsewhere("Failed to connect to localhost port 8443 after 1 ms", target: explicit))
        #expect(TransportFailure.connectedElsewhere("Failed to connect to localhost port 3128 after 1 ms", target: explicit))
        let ipv6 = try #require(URL(string: "https://[::1]:9443/x"))
        #expect(!TransportFailure.connectedElsewhere("Failed to connect to ::1 port 9443 after 0 ms", target: ipv6))
        #expect(!TransportFailure.connectedElsewhere("Failed to connect to 127.0.0.1 port 1", target: nil))
    }
}
