/// OpsRamp's `queryString` parameter after form-decoding (reference §6, §7): pairs separated by `+`,
/// the key before the first `:`, values separated by `,`. Unknown keys are rejected, as OpsRamp does.
struct QueryStringTerms: Sendable {
    private var terms: [String: [String]] = [:]

    /// `field` names the parameter in error answers (`queryString`, or `statusHistory`, which uses the same syntax).
    init(_ decoded: String?, knownKeys: Set<String>, field: String = "queryString") throws(Rejection) {
        guard let decoded else { return }
        for pair in decoded.split(separator: "+", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).trimmingWhitespace
            guard parts.count == 2, knownKeys.contains(key) else { throw Self.invalid(key, field: field) }
            let values = parts[1].split(separator: ",", omittingEmptySubsequences: true)
                .map { String($0).trimmingWhitespace }
                .filter { !$0.isEmpty }
            guard !values.isEmpty else { throw Self.invalid(key, field: field) }
            terms[key, default: []].append(contentsOf: values)
        }
    }

    /// The values given for `key`, or `nil` when the key is absent.
    subscript(key: String) -> [String]? {
        terms[key]
    }

    var keys: [String] { terms.keys.sorted() }

    private static func invalid(_ key: String, field: String) -> Rejection {
        Rejection(response: APIErrors.validation(field: field, message: "Invalid query key: \(key)"))
    }
}
