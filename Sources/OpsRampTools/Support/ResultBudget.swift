import OpsRampJSON
import OpsRampMCP

/// Keeps a tool result under the configured size by dropping list items from the end,
/// and says so in the result, with how to get the rest.
enum ResultBudget {
    /// Builds the result with as many of `items` as fit in `maxBytes` of compact JSON.
    /// `build` receives the items kept and how many were dropped.
    /// The result comes back with its encoding, which the size check produced anyway.
    static func fit(
        _ items: [JSONValue], maxBytes: Int,
        build: ([JSONValue], _ dropped: Int) -> [String: JSONValue]
    ) -> ToolOutput {
        let full = build(items, 0)
        let fullBytes = JSONWriter.bytes(.object(full))
        if fullBytes.count <= maxBytes { return ToolOutput(full, encoded: fullBytes) }
        // Binary search for the largest prefix that fits.
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high + 1) / 2
            if size(build(Array(items.prefix(middle)), items.count - middle)) <= maxBytes {
                low = middle
            } else {
                high = middle - 1
            }
        }
        let fitted = build(Array(items.prefix(low)), items.count - low)
        return ToolOutput(fitted, encoded: JSONWriter.bytes(.object(fitted)))
    }

    static func size(_ object: [String: JSONValue]) -> Int {
        JSONWriter.bytes(.object(object)).count
    }
}
