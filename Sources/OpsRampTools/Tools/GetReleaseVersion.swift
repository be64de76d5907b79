import JSON
import MCP

/// `get_release_version`: OpsRamp's release version; doubles as a connectivity check.
enum GetReleaseVersion {
    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: "get_release_version",
            title: "OpsRamp release version",
            description: """
                Returns the OpsRamp platform release version as OpsRamp reports it. Use it to check that the \
                connection and credentials work.
                """,
            inputSchema: Schema.object([:]),
            outputSchema: Schema.openObject([
                "release": Schema.any("OpsRamp's answer, passed through unchanged"),
            ], required: ["release"]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { _, _ in
                let release = try await environment.withClient { client in try await client.releaseVersion() }
                return ToolOutput(["release": release])
            })
    }
}
