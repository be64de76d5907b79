/// The form MCP gives tool names (SEP-986, revision 2025-11-25): 1 to 64 characters, each an ASCII
/// letter, a digit, `_`, `-` or `.`. Hosts and model APIs reject other names, often silently.
public enum ToolNameRules {
    public static let maximumLength = 64

    /// Why `name` is not a valid tool name, or `nil` when it is.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a tool name cannot be empty" }
        let length = name.unicodeScalars.count
        if length > maximumLength { return "\"\(name)\" has \(length) characters, more than the \(maximumLength) a tool name may have" }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
            let shown = bad == " " ? "a space" : "\"\(bad)\""
            return "\"\(name)\" holds \(shown); a tool name may hold only letters A-Z and a-z, digits, _, - and ."
        }
        return nil
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", ".": true
        default: false
        }
    }
}
