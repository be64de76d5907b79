/// Parses an OpsQL `filterCriteria` into a `FilterExpression` by recursive descent:
///
///     expression := and ("OR" and)*
///     and        := primary ("AND" primary)*
///     primary    := "(" expression ")" | condition
///     condition  := attribute (comparison value | [NOT] CONTAINS value | STARTS WITH value
///                   | [NOT] LIKE value | IS [NOT] NULL | [NOT] IN "(" value ("," value)* ")")
///
/// Keywords are case-insensitive; values are quoted (either quote) or bare words.
struct FilterParser {
    private let tokens: [FilterToken]
    private var index = 0

    /// `nil` for an empty filter (everything matches).
    static func parse(_ text: String) throws(FilterSyntaxError) -> FilterExpression? {
        var parser = FilterParser(tokens: try FilterLexer.tokens(text))
        guard !parser.tokens.isEmpty else { return nil }
        let expression = try parser.expression()
        if let extra = parser.peek { throw FilterSyntaxError(message: "unexpected \(describe(extra))") }
        return expression
    }

    private init(tokens: [FilterToken]) {
        self.tokens = tokens
    }

    private var peek: FilterToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func next() throws(FilterSyntaxError) -> FilterToken {
        guard let token = peek else { throw FilterSyntaxError(message: "unexpected end of filter") }
        index += 1
        return token
    }

    private func peekKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = peek { return word.uppercased() == keyword }
        return false
    }

    private mutating func expectKeyword(_ keyword: String) throws(FilterSyntaxError) {
        let token = try next()
        guard case .word(let word) = token, word.uppercased() == keyword else {
            throw FilterSyntaxError(message: "expected \(keyword) but found \(Self.describe(token))")
        }
    }

    private mutating func expression() throws(FilterSyntaxError) -> FilterExpression {
        var left = try conjunction()
        while peekKeyword("OR") {
            index += 1
            left = .or(left, try conjunction())
        }
        return left
    }

    private mutating func conjunction() throws(FilterSyntaxError) -> FilterExpression {
        var left = try primary()
        while peekKeyword("AND") {
            index += 1
            left = .and(left, try primary())
        }
        return left
    }

    private mutating func primary() throws(FilterSyntaxError) -> FilterExpression {
        if peek == .openParen {
            index += 1
            let inner = try expression()
            guard try next() == .closeParen else { throw FilterSyntaxError(message: "missing ')'") }
            return inner
        }
        return .condition(try condition())
    }

    private mutating func condition() throws(FilterSyntaxError) -> FilterCondition {
        let first = try next()
        guard case .word(let attribute) = first, !["AND", "OR"].contains(attribute.uppercased()) else {
            throw FilterSyntaxError(message: "expected an attribute name but found \(Self.describe(first))")
        }
        let operatorToken = try next()
        func single(_ comparison: FilterComparison) throws(FilterSyntaxError) -> FilterCondition {
            FilterCondition(attribute: attribute, comparison: comparison, values: [try value()])
        }
        switch operatorToken {
        case .comparison("="): return try single(.equals)
        case .comparison("!="), .comparison("<>"): return try single(.notEquals)
        case .comparison(">"): return try single(.greater)
        case .comparison("<"): return try single(.less)
        case .comparison(">="): return try single(.greaterOrEqual)
        case .comparison("<="): return try single(.lessOrEqual)
        case .word(let word):
            switch word.uppercased() {
            case "CONTAINS": return try single(.contains)
            case "LIKE": return try single(.like)
            case "STARTS":
                try expectKeyword("WITH")
                return try single(.startsWith)
            case "IN":
                return FilterCondition(attribute: attribute, comparison: .isIn, values: try list())
            case "IS":
                let negated = peekKeyword("NOT")
                if negated { index += 1 }
                try expectKeyword("NULL")
                return FilterCondition(attribute: attribute, comparison: negated ? .isNotNull : .isNull, values: [])
            case "NOT":
                let keyword = try next()
                switch keyword {
                case .word(let negated) where negated.uppercased() == "LIKE": return try single(.notLike)
                case .word(let negated) where negated.uppercased() == "CONTAINS": return try single(.notContains)
                case .word(let negated) where negated.uppercased() == "IN":
                    return FilterCondition(attribute: attribute, comparison: .isNotIn, values: try list())
                default:
                    throw FilterSyntaxError(message: "expected LIKE, CONTAINS or IN after NOT, found \(Self.describe(keyword))")
                }
            default:
                break
            }
        default:
            break
        }
        throw FilterSyntaxError(message: "expected an operator after '\(attribute)' but found \(Self.describe(operatorToken))")
    }

    private mutating func value() throws(FilterSyntaxError) -> String {
        let token = try next()
        switch token {
        case .quoted(let text):
            return text
        case .word(let word) where !["AND", "OR"].contains(word.uppercased()):
            return word
        default:
            throw FilterSyntaxError(message: "expected a value but found \(Self.describe(token))")
        }
    }

    private mutating func list() throws(FilterSyntaxError) -> [String] {
        guard try next() == .openParen else { throw FilterSyntaxError(message: "expected '(' after IN") }
        var values = [try value()]
        while peek == .comma {
            index += 1
            values.append(try value())
        }
        guard try next() == .closeParen else { throw FilterSyntaxError(message: "missing ')' after IN list") }
        return values
    }

    private static func describe(_ token: FilterToken) -> String {
        switch token {
        case .word(let word): "'\(word)'"
        case .quoted(let text): "\"\(text)\""
        case .comparison(let symbol): "'\(symbol)'"
        case .openParen: "'('"
        case .closeParen: "')'"
        case .comma: "','"
        }
    }
}
