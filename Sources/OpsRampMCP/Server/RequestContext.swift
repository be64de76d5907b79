import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets

/// Under which rules one request is served: the session's handshake revision, or the
/// stateless revision named in the request's own `_meta`.
struct RequestContext: Sendable {
    let revision: ProtocolRevision
    /// Level at or above which this request's logs go to the client (`notifications/message`).
    let clientLogLevel: LogLevel?
    /// `_meta.progressToken`, when the client wants progress.
    let progressToken: JSONValue?

    /// `_meta` keys of the stateless revision.
    enum MetaKey {
        static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
        static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
        static let clientInfo = "io.modelcontextprotocol/clientInfo"
        static let logLevel = "io.modelcontextprotocol/logLevel"
        static let serverInfo = "io.modelcontextprotocol/serverInfo"
    }

    /// True when the request carries the stateless envelope (a protocol version in `_meta`).
    static func isStateless(_ params: [String: JSONValue]) -> Bool {
        params["_meta"]?[MetaKey.protocolVersion] != nil
    }

    /// Reads and checks the stateless envelope: `-32602` when it is malformed,
    /// `-32022` when it names a revision this server does not serve statelessly.
    static func stateless(_ params: [String: JSONValue], method: String) throws(JSONRPCError) -> RequestContext {
        let meta = params["_meta"]?.objectValue ?? [:]
        guard let version = meta[MetaKey.protocolVersion]?.stringValue else {
            throw .invalidParams("Invalid params for \(method): _meta[\"\(MetaKey.protocolVersion)\"] must be a string")
        }
        guard let revision = ProtocolRevision(rawValue: version), revision.isStateless else {
            // Only the revisions served statelessly; the older ones need the initialize handshake.
            throw JSONRPCError(
                .unsupportedProtocolVersion, "Unsupported protocol version",
                data: [
                    "supported": .array(ProtocolRevision.statelessRevisions.reversed().map { .string($0.rawValue) }),
                    "requested": .string(Excerpt.of(version)),
                ])
        }
        guard meta[MetaKey.clientCapabilities]?.objectValue != nil else {
            throw .invalidParams("Invalid params for \(method): _meta is missing \"\(MetaKey.clientCapabilities)\" (an object; {} for none)")
        }
        var level: LogLevel?
        if let raw = meta[MetaKey.logLevel] {
            guard let name = raw.stringValue, let parsed = LogLevel(name: name) else {
                throw .invalidParams(
                    "Invalid params for \(method): \(MetaKey.logLevel) must be one of "
                        + LogLevel.allCases.map(\.description).joined(separator: ", "))
            }
            level = parsed
        }
        return RequestContext(revision: revision, clientLogLevel: level, progressToken: progressToken(params))
    }

    static func progressToken(_ params: [String: JSONValue]) -> JSONValue? {
        params["_meta"]?["progressToken"].flatMap { RequestID($0) }?.json
    }

    /// Adds what the stateless revision requires of every result: `resultType`, the server's
    /// identity in `_meta`, and caching hints on list and read results.
    func finish(_ result: JSONValue, cacheable: Bool, identity: ServerIdentity) -> JSONValue {
        guard revision.isStateless, case .object(var object) = result else { return result }
        object["resultType"] = "complete"
        var meta = object["_meta"]?.objectValue ?? [:]
        meta[MetaKey.serverInfo] = ["name": .string(identity.name), "version": .string(identity.version)]
        object["_meta"] = .object(meta)
        if cacheable {
            // Lists and documents change only with a new server version or configuration.
            object["ttlMs"] = .int(300_000)
            object["cacheScope"] = "public"
        }
        return .object(object)
    }
}
