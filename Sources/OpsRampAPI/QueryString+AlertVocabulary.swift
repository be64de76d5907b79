import Foundation

extension QueryString {
    /// Adds `key` with the terms in OpsRamp's spelling.
    public mutating func add<Term: AlertVocabularyTerm>(_ key: String, _ terms: [Term]) throws(QueryStringError) {
        try add(key, terms.map(\.rawValue))
    }

    /// Adds `key` with one term in OpsRamp's spelling.
    public mutating func add<Term: AlertVocabularyTerm>(_ key: String, _ term: Term) throws(QueryStringError) {
        try add(key, term.rawValue)
    }
}
