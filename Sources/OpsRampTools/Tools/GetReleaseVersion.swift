import JSON
import MCP
import OpsRampAPI

/// `get_release_version`: OpsRamp's release version. The endpoint is undocumented and missing on
/// some pods, so its failure is never read as a broken connection.
enum GetReleaseVersion {
    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: environment.names[.getReleaseVersion],
            title: "OpsRamp release version",
            description: """
                Returns the OpsRamp platform release version. The endpoint is undocumented and some pods lack it \
                (HTTP 404): that does not mean the connection is broken; \(environment.names[.getAlerts]) shows whether it works.
                """,
            inputSchema: Schema.object([:]),
            outputSchema: Schema.openObject([
                "release": Schema.anyOf([Schema.freeObject(), Schema.plainString], description: "as OpsRamp sent it, or as text"),
                "truncated": Schema.plainString,
            ]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { _, _ in
                let answer = try await environment.withClient { client in
                    do {
                        return try await client.releaseVersion()
                    } catch let error as OpsRampError {
                        guard let status = OpsRampClient.releaseVersionUnavailableStatus(error) else { throw error }
                        throw ToolFailure(unavailable(status: status))
                    }
                }
                // One of the two declared forms: an object as it is, anything else as its JSON text.
                let release: JSONValue = answer.objectValue != nil || answer.stringValue != nil ? answer : .string(JSONWriter.string(answer))
                let encoded = JSONWriter.bytes(release)
                guard encoded.count > environment.maxResultBytes - 200 else { return ToolOutput(["release": release]) }
                // The answer's shape is unknown, so an oversized one is shown as cut text rather than dropped.
                let cut = String(decoding: encoded.prefix(max(0, environment.maxResultBytes / 2)), as: UTF8.self)
                return ToolOutput(["release": .string(cut), "truncated": .string("OpsRamp's answer had \(encoded.count) bytes; only the start is shown.")])
            })
    }

    /// The answer when the pod does not serve the endpoint: a token was obtained, so the settings
    /// got this far, and the alert tools are what prove the rest.
    static func unavailable(status: Int) -> String {
        "The release version is not available on this pod: OpsRamp answered HTTP \(status) for its undocumented "
            + "release-version endpoint (/tenancy/api/v3/release-version). This does not mean the connection is broken: "
            + "the access token was obtained, and this answer says nothing about OPSRAMP_BASE_URL, the tenant or the "
            + "credentials. To check the connection, call get_alerts (for example with limit 1) or "
            + "get_alert_statistics_dashboard."
    }
}
