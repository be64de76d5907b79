import OpsRampJSON

extension JSONValue {
    /// A scalar as text for comparisons: strings as they are, numbers as their literal,
    /// booleans as `true`/`false`; `nil` for null, arrays and objects.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number.literal
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// Follows a dotted path (`resource.name`); through an array it collects each element's member.
    func value(atPath path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".").map(String.init) {
            current = current.flatMap { $0.member(key) }
        }
        return current
    }

    private func member(_ key: String) -> JSONValue? {
        switch self {
        case .object(let members):
            return members[key]
        case .array(let elements):
            let found = elements.compactMap { $0.member(key) }
            return found.isEmpty ? nil : .array(found)
        default:
            return nil
        }
    }

    /// Every scalar in the value, flattening arrays; empty for null or missing members.
    var scalars: [JSONValue] {
        switch self {
        case .array(let elements): elements.flatMap(\.scalars)
        case .null: []
        default: [self]
        }
    }
}

/// Orders two values for sorting: numerically when both read as numbers, otherwise as text
/// (OpsRamp's dates sort correctly as text); missing values sort first.
func compareValues(_ left: JSONValue?, _ right: JSONValue?) -> Bool? {
    let leftText = left?.scalarText
    let rightText = right?.scalarText
    if leftText == rightText { return nil }
    guard let leftText else { return true }
    guard let rightText else { return false }
    if let leftNumber = Double(leftText), let rightNumber = Double(rightText) {
        return leftNumber < rightNumber
    }
    return leftText.lowercased() < rightText.lowercased()
}

/// A stable sort by one key (Swift's `sort` does not promise stability).
func stableSorted(_ items: [JSONValue], descending: Bool, key: (JSONValue) -> JSONValue?) -> [JSONValue] {
    items.enumerated().sorted { left, right in
        let leftKey = key(left.element)
        let rightKey = key(right.element)
        guard let ascending = compareValues(leftKey, rightKey) else { return left.offset < right.offset }
        return descending ? !ascending : ascending
    }.map(\.element)
}
