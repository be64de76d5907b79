import OpsRampAPI
import OpsRampJSON
import OpsRampMCP

/// The call that fetches what an answer left out: a tool and its exact arguments, for `next`.
///
/// A relative window (`since: "1h"`) would slide if sent again later, so the continuation pins it
/// to the instants this answer used; with the window's end fixed, alerts raised meanwhile cannot
/// shift the offsets either.
struct Continuation: Sendable {
    let tool: String
    let arguments: [String: JSONValue]

    /// `original` with `changes` applied (a `.null` removes an argument) and the window pinned.
    init(tool: String, original: ToolArguments, window: TimeWindow?, changes: [String: JSONValue]) {
        var arguments = original.values
        if let window {
            arguments["since"] = .string(OpsRampDate.iso(window.since))
            arguments["until"] = .string(OpsRampDate.iso(window.until))
        }
        for (key, value) in changes {
            if value.isNull { arguments.removeValue(forKey: key) } else { arguments[key] = value }
        }
        self.tool = tool
        self.arguments = arguments
    }

    var json: JSONValue {
        ["tool": .string(tool), "arguments": .object(arguments)]
    }

    /// The `outputSchema` of `json`.
    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "tool": Schema.plainString,
            // The tool's own arguments, as its inputSchema declares them.
            "arguments": ["type": "object", "additionalProperties": true],
        ],
    ]
}
