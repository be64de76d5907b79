import Foundation
import OpsRampJSON

/// Decides whether an object satisfies a `FilterExpression`.
///
/// Text comparisons ignore case (OpsRamp matches `currentState = "CRITICAL"` against `Critical`).
/// An attribute that holds an array (`tags.name`) matches when any element does. `>`/`<` compare
/// dates when the value is a date or a relative time, numbers when both sides are numeric, else text.
struct FilterEvaluator {
    let now: Date
    /// Looks an attribute up on an object (dotted paths, per-object-type aliases).
    let resolve: @Sendable (JSONValue, String) -> JSONValue?

    func matches(_ expression: FilterExpression?, _ object: JSONValue) -> Bool {
        guard let expression else { return true }
        switch expression {
        case .and(let left, let right): return matches(left, object) && matches(right, object)
        case .or(let left, let right): return matches(left, object) || matches(right, object)
        case .condition(let condition): return matches(condition, object)
        }
    }

    private func matches(_ condition: FilterCondition, _ object: JSONValue) -> Bool {
        let texts = (resolve(object, condition.attribute)?.scalars ?? []).compactMap(\.scalarText)
        let value = condition.values.first ?? ""
        func any(_ test: (String) -> Bool) -> Bool { texts.contains(where: test) }
        func equal(_ text: String, _ literal: String) -> Bool { text.lowercased() == literal.lowercased() }
        switch condition.comparison {
        case .equals: return any { equal($0, value) }
        case .notEquals: return !any { equal($0, value) }
        case .contains: return any { $0.lowercased().contains(value.lowercased()) }
        case .notContains: return !any { $0.lowercased().contains(value.lowercased()) }
        case .startsWith: return any { $0.lowercased().hasPrefix(value.lowercased()) }
        case .like: return any { Self.like($0, pattern: value) }
        case .notLike: return !any { Self.like($0, pattern: value) }
        case .isNull: return texts.isEmpty
        case .isNotNull: return !texts.isEmpty
        case .isIn: return any { text in condition.values.contains { equal(text, $0) } }
        case .isNotIn: return !any { text in condition.values.contains { equal(text, $0) } }
        case .greater: return any { order($0, value) == .orderedDescending }
        case .less: return any { order($0, value) == .orderedAscending }
        case .greaterOrEqual: return any { [.orderedDescending, .orderedSame].contains(order($0, value)) }
        case .lessOrEqual: return any { [.orderedAscending, .orderedSame].contains(order($0, value)) }
        }
    }

    /// How `text` (an attribute's value) orders against `literal`; `nil` when they cannot be compared.
    private func order(_ text: String, _ literal: String) -> ComparisonResult? {
        if let target = RelativeTime.date(literal, now: now) ?? FakeDate.parse(literal) {
            guard let date = FakeDate.parse(text) else { return nil }
            return date == target ? .orderedSame : (date < target ? .orderedAscending : .orderedDescending)
        }
        if let left = Double(text), let right = Double(literal) {
            return left == right ? .orderedSame : (left < right ? .orderedAscending : .orderedDescending)
        }
        return text.lowercased().compare(literal.lowercased())
    }

    /// SQL LIKE, case-insensitive: `%` is any run of characters, `_` exactly one.
    static func like(_ text: String, pattern: String) -> Bool {
        let subject = Array(text.lowercased())
        let pattern = Array(pattern.lowercased())
        var memo: [Int: Bool] = [:]
        func match(_ s: Int, _ p: Int) -> Bool {
            let key = s * (pattern.count + 1) + p
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = s == subject.count
            } else if pattern[p] == "%" {
                result = match(s, p + 1) || (s < subject.count && match(s + 1, p))
            } else {
                result = s < subject.count && (pattern[p] == "_" || pattern[p] == subject[s]) && match(s + 1, p + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}
