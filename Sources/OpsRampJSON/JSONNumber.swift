/// A JSON number that remembers the literal it was read from.
///
/// Keeping the literal lets the server echo a request id such as `1e3` or
/// `12345678901234567890` exactly as the client sent it, as JSON-RPC requires.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written in JSON; always a valid JSON number literal.
    public let literal: String

    public init(_ value: Int) {
        literal = String(value)
    }

    /// NaN and infinities have no JSON form; they are written as `null`.
    public init(_ value: Double) {
        if !value.isFinite {
            literal = "null"
        } else if value == value.rounded(), abs(value) < 1e15 {
            literal = String(Int(value))
        } else {
            literal = String(value)
        }
    }

    /// Trusted constructor used by the parser, which has already validated `literal`.
    init(validatedLiteral: String) {
        literal = validatedLiteral
    }

    public var description: String { literal }

    /// The value as an `Int`: integers, and floats such as `2.0` or `1e3` with no fractional part.
    public var intValue: Int? {
        if let exact = Int(literal) { return exact }
        guard let double = Double(literal), double.isFinite, double == double.rounded(),
            abs(double) <= 9_007_199_254_740_992
        else { return nil }
        return Int(double)
    }

    public var doubleValue: Double? { Double(literal) }
}
