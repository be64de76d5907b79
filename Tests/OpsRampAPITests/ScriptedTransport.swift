import Foundation
import OpsRampHTTP
import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets
import OpsRampSupport
import Synchronization

@testable import OpsRampAPI
@testable import OpsRampConfiguration

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HTTPTransport` that answers from a script: token requests always succeed (with a new
/// token each time); API requests get the next scripted answer, or 200 `{}` when the script is empty.
final class ScriptedTransport: HTTPTransport {
    private let script: Mutex<[Result<HTTPResponse, TransportError>]>
    private let log = Mutex<[URLRequest]>([])
    private let tokens = Mutex(0)

    init(_ script: [Result<HTTPResponse, TransportError>] = []) {
        self.script = Mutex(script)
    }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Result<HTTPResponse, TransportError> {
        .success(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    var apiRequests: [URLRequest] { log.withLock { $0 }.filter { !($0.url?.path.hasSuffix("/token") ?? false) } }
    var tokenRequests: Int { tokens.withLock { $0 } }

    func send(_ request: URLRequest, limits: TransferLimits) async throws(TransportError) -> HTTPResponse {
        log.withLock { $0.append(request) }
        if request.url?.path.hasSuffix("/token") == true {
            let number = tokens.withLock { value -> Int in
                value += 1
                return value
            }
            return HTTPResponse(status: 200, headers: [:], body: Data(#"{"access_token":"scripted-token-\#(number)","expires_in":7199}"#.utf8))
        }
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        return try (next ?? Self.json(200, "{}")).get()
    }
}

/// Records the waits the retry policy asks for instead of sleeping, in seconds.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Double]>([])
    var all: [Double] { waits.withLock { $0 } }
    func sleep(_ wait: Duration) async throws { waits.withLock { $0.append(wait.seconds) } }
}

func makeClient(
    _ transport: ScriptedTransport, sleeps: RecordedSleeps = RecordedSleeps(), maxRetries: Int = 3,
    wallClock: Double = 1_700_000_000, tenant: String = "client_1234", paging: PagingPolicy = PagingPolicy()
) -> OpsRampClient {
    // swift-format-ignore: NeverForceUnwrap
    // A literal URL: it always parses.
    let connection = OpsRampConnection(
        baseURL: URL(string: "https://acme.api.opsramp.com")!, tenantID: tenant, clientID: "key",
        clientSecret: Secret("scripted-secret"), tokenPath: "/tenancy/auth/oauth/token", requestTimeout: .seconds(5))
    let policy = RetryPolicy(
        maxRetries: maxRetries, sleep: { try await sleeps.sleep($0) }, random: { 0.5 }, wallClock: { Date(timeIntervalSince1970: wallClock) })
    return OpsRampClient(
        connection: connection, transport: transport, retry: policy, maximumResponseBytes: 1_000_000,
        userAgent: "test/1", logger: Logger(label: "test", backend: LogBackend(level: .emergency)), paging: paging)
}
