/// A parsed OpsQL `filterCriteria`: conditions joined by AND/OR (AND binds tighter), with parentheses.
indirect enum FilterExpression: Sendable, Equatable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case condition(FilterCondition)
}

/// `attribute operator value(s)`, e.g. `currentState = "CRITICAL"` or `make IN ("AWS","Azure")`.
struct FilterCondition: Sendable, Equatable {
    let attribute: String
    let comparison: FilterComparison
    /// One value for most operators, several for IN/NOT IN, none for IS [NOT] NULL.
    let values: [String]
}

/// The OpsQL operators the fake understands (reference §9).
enum FilterComparison: Sendable, Equatable {
    case equals, notEquals, greater, less, greaterOrEqual, lessOrEqual
    case contains, notContains, startsWith, like, notLike
    case isNull, isNotNull, isIn, isNotIn
}

extension FilterExpression {
    /// Every attribute the expression names.
    var attributes: [String] {
        switch self {
        case .and(let left, let right), .or(let left, let right): left.attributes + right.attributes
        case .condition(let condition): [condition.attribute]
        }
    }
}
