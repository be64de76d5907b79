/// One lexical unit of an OpsQL `filterCriteria`.
enum FilterToken: Sendable, Equatable {
    /// An attribute name, keyword or unquoted value (`currentState`, `AND`, `critical`, `-1d`).
    case word(String)
    /// A single- or double-quoted value, quotes removed and `\` escapes resolved.
    case quoted(String)
    /// `=`, `!=`, `<>`, `>`, `<`, `>=` or `<=`.
    case comparison(String)
    case openParen
    case closeParen
    case comma
}

/// Why a `filterCriteria` cannot be understood; the endpoint answers 400 with this text.
struct FilterSyntaxError: Error, Sendable, Equatable {
    let message: String
}

/// Splits a `filterCriteria` into tokens (reference §9 syntax).
enum FilterLexer {
    static func tokens(_ text: String) throws(FilterSyntaxError) -> [FilterToken] {
        let characters = Array(text)
        var tokens: [FilterToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case " ", "\t", "\n", "\r":
                index += 1
            case "(":
                tokens.append(.openParen)
                index += 1
            case ")":
                tokens.append(.closeParen)
                index += 1
            case ",":
                tokens.append(.comma)
                index += 1
            case "\"", "'":
                let (value, next) = try quoted(characters, from: index)
                tokens.append(.quoted(value))
                index = next
            case "=", "!", "<", ">":
                let following = index + 1 < characters.count ? characters[index + 1] : nil
                let pair = following.map { String([character, $0]) }
                if let pair, ["!=", "<>", ">=", "<="].contains(pair) {
                    tokens.append(.comparison(pair))
                    index += 2
                } else if character == "!" {
                    throw FilterSyntaxError(message: "unexpected '!' at position \(index + 1)")
                } else {
                    tokens.append(.comparison(String(character)))
                    index += 1
                }
            default:
                let start = index
                while index < characters.count, !isDelimiter(characters[index]) { index += 1 }
                tokens.append(.word(String(characters[start..<index])))
            }
        }
        return tokens
    }

    private static func isDelimiter(_ character: Character) -> Bool {
        " \t\n\r(),\"'=!<>".contains(character)
    }

    private static func quoted(_ characters: [Character], from start: Int) throws(FilterSyntaxError) -> (String, Int) {
        let quote = characters[start]
        var value = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                value.append(characters[index + 1])
                index += 2
            } else if character == quote {
                return (value, index + 1)
            } else {
                value.append(character)
                index += 1
            }
        }
        throw FilterSyntaxError(message: "unterminated quoted value starting at position \(start + 1)")
    }
}
