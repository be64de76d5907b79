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
                "release": Schema.anyOf([Schema.freeObject("OpsRamp's answer"), Schema.plainString],
                                        description: "OpsRamp's answer as it came (an object), or as text when it is not an object or was cut"),
                "truncated": Schema.plainString,
            ], required: ["release"]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { _, _ in
                let answer = try await environment.withClient { client in try await client.releaseVersion() }
                // One of the two declared forms: an object as it is, anything else as its JSON text.
                let release: JSONValue = answer.objectValue != nil || answer.stringValue != nil ? answer : .string(JSONWriter.string(answer))
                let encoded = JSONWriter.bytes(release)
                guard encoded.count > environment.maxResultBytes - 200 else { return ToolOutput(["release": release]) }
                // The answer's shape is unknown, so an oversized one is shown as cut text rather than dropped.
                let cut = String(decoding: encoded.prefix(max(0, environment.maxResultBytes / 2)), as: UTF8.self)
                return ToolOutput(["release": .string(cut), "truncated": .string("OpsRamp's answer had \(encoded.count) bytes; only the start is shown.")])
            })
    }
}
