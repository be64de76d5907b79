import OpsRampAPI
import OpsRampConfiguration
import OpsRampJSON
import OpsRampMCP

/// `get_release_version`: OpsRamp's release version. The endpoint is undocumented and missing on
/// some pods, so its failure is never read as a broken connection.
enum GetReleaseVersion {
    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: environment.names[.getReleaseVersion],
            title: "Release version",
            description: """
                Returns OpsRamp's platform release version. Some pods lack this undocumented endpoint (404), which does not mean the \
                connection is broken\((environment.names.available(.getAlerts) ?? environment.names.available(.getAlertStatisticsDashboard))
                    .map { "; \($0) shows whether it works" } ?? "").
                """,
            inputSchema: Schema.object([:]),
            outputSchema: Schema.openObject([
                "release": ["anyOf": [Schema.freeObject(), Schema.plainString]],
                "truncated": Schema.plainString,
            ]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { _, _ in
                let answer = try await environment.withClient { client in
                    do {
                        return try await client.releaseVersion()
                    } catch let error as OpsRampError {
                        guard let status = OpsRampClient.releaseVersionUnavailableStatus(error) else { throw error }
                        throw ToolFailure(unavailable(status: status, names: environment.names))
                    }
                }
                // One of the two declared forms: an object as it is, anything else as its JSON text.
                let release: JSONValue = answer.objectValue != nil || answer.stringValue != nil ? answer : .string(JSONWriter.string(answer))
                let encoded = JSONWriter.bytes(release)
                guard encoded.count > environment.maxResultBytes - 200 else { return ToolOutput(["release": release]) }
                // The answer's shape is unknown, so an oversized one is shown as cut text rather than dropped.
                let cut = String(decoding: encoded.prefix(max(0, environment.maxResultBytes / 2)), as: UTF8.self)
                return ToolOutput([
                    "release": .string(cut), "truncated": .string("OpsRamp's answer had \(encoded.count) bytes; only the start is shown."),
                ])
            })
    }

    /// The answer when the pod does not serve the endpoint: a token was obtained, so the settings
    /// got this far, and the alert tools are what prove the rest.
    static func unavailable(status: Int, names: ToolNames) -> String {
        let check = names.listing([.getAlerts, .getAlertStatisticsDashboard], joiner: "or").map { " To check the connection, call \($0)." } ?? ""
        return "The release version is not available on this pod: OpsRamp answered HTTP \(status) for its undocumented "
            + "release-version endpoint (/tenancy/api/v3/release-version). This does not mean the connection is broken: "
            + "the access token was obtained, and this answer says nothing about \(ConfigurationVariable.baseURL.name), the tenant or the "
            + "credentials." + check
    }
}
