import Foundation
import OpsRampJSON
import OpsRampSecrets

/// `initialize`, `server/discover` and the capabilities they announce.
extension MCPServer {
    /// Starts the session (`Admission` has checked that none exists yet).
    func initialize(_ params: [String: JSONValue]) throws -> JSONValue {
        guard let requested = params["protocolVersion"]?.stringValue else {
            throw JSONRPCError.invalidParams(
                "Invalid params for initialize: \"protocolVersion\" must be a string such as \"\(ProtocolRevision.latestHandshake.rawValue)\"")
        }
        if let capabilities = params["capabilities"], capabilities.objectValue == nil {
            throw JSONRPCError.invalidParams("Invalid params for initialize: \"capabilities\" must be an object")
        }
        let known = ProtocolRevision(rawValue: requested)
        let revision = known.flatMap { $0.isStateless ? nil : $0 } ?? .latestHandshake
        let clientInfo = params["clientInfo"]
        let client = ClientDescription(
            name: clientInfo?["name"]?.stringValue.map { Excerpt.of($0) } ?? "unknown",
            version: clientInfo?["version"]?.stringValue.map { Excerpt.of($0) } ?? "unknown")
        state = .ready(revision: revision, client: client)
        logger.info(
            "session started: client \(client.name) \(client.version), protocol \(revision.rawValue)"
                + (revision.rawValue == requested ? "" : " (client asked for \(Excerpt.of(requested)))"))

        var result: [String: JSONValue] = [
            "protocolVersion": .string(revision.rawValue),
            "capabilities": capabilities(for: revision),
            "serverInfo": identity.json(for: revision),
        ]
        result.setIfPresent("instructions", identity.instructions.map(JSONValue.string))
        return .object(result)
    }

    /// `server/discover` (2026-07-28): what a stateless client needs to know up front.
    func discover() -> JSONValue {
        var result: [String: JSONValue] = [
            "supportedVersions": .array(ProtocolRevision.allCases.reversed().map { .string($0.rawValue) }),
            "capabilities": capabilities(for: .v2026_07_28),
        ]
        result.setIfPresent("instructions", identity.instructions.map(JSONValue.string))
        return .object(result)
    }

    /// Only what this server really implements; nothing changes at run time, so no `listChanged`.
    func capabilities(for revision: ProtocolRevision) -> JSONValue {
        var capabilities: [String: JSONValue] = [
            "tools": ["listChanged": false],
            "logging": [:],
        ]
        if !catalog.resources.resources.isEmpty || !catalog.resources.templates.isEmpty {
            capabilities["resources"] = ["subscribe": false, "listChanged": false]
        }
        if !catalog.prompts.isEmpty { capabilities["prompts"] = ["listChanged": false] }
        if revision.hasCompletions { capabilities["completions"] = [:] }
        return .object(capabilities)
    }
}
