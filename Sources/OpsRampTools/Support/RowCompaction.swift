import OpsRampJSON

/// Makes a list of rows compact by construction: within a row, a field that only repeats another
/// field's value is left out; across rows, a field with the same value in every row is given once,
/// in `common`, instead of in each row.
struct RowCompaction: Sendable {
    /// A field and the fields it repeats: it is dropped when its value equals the first of them present.
    struct Repeat: Sendable {
        let field: String
        let sameAs: [String]
    }

    let repeats: [Repeat]
    /// Fields never moved into `common` (identifiers, which differ by nature and name the row).
    let neverCommon: Set<String>

    init(repeats: [Repeat] = [], neverCommon: Set<String> = []) {
        self.repeats = repeats
        self.neverCommon = neverCommon
    }

    /// The row without fields that repeat another field's value.
    func compact(_ row: [String: JSONValue]) -> [String: JSONValue] {
        var row = row
        removeRepeats(from: &row)
        return row
    }

    /// `compact` in place (no copy of the row).
    func removeRepeats(from row: inout [String: JSONValue]) {
        for rule in repeats {
            guard let value = row[rule.field] else { continue }
            if rule.sameAs.contains(where: { row[$0] == value }) { row[rule.field] = nil }
        }
    }

    /// Splits rows into the fields every row shares (`common`) and what remains of each row.
    /// One row keeps everything: with nothing to compare, nothing is "common".
    func hoist(_ rows: [JSONValue]) -> (common: [String: JSONValue], rows: [JSONValue]) {
        let objects = rows.compactMap(\.objectValue)
        guard objects.count >= 2, objects.count == rows.count, var common = objects.first else { return ([:], rows) }
        for key in neverCommon { common[key] = nil }
        // Keys are only looked up and, once they differ, removed: no dictionary is rebuilt per row.
        for object in objects.dropFirst() where !common.isEmpty {
            for (key, value) in common where object[key] != value { common[key] = nil }
        }
        guard !common.isEmpty else { return ([:], rows) }
        let remaining = objects.map { object in
            var row = object
            for key in common.keys { row[key] = nil }
            return JSONValue.object(row)
        }
        return (common, remaining)
    }
}

/// Rows as a table: the column names once, then one array of cells per row. Columns whose cell is
/// the same in every row (two rows or more) are moved into `common`.
struct CompactTable: Sendable, Equatable {
    let columns: [String]
    let rows: [[JSONValue]]
    let common: [String: JSONValue]

    init(columns: [String], rows: [[JSONValue]]) {
        var keep: [Int] = []
        var common: [String: JSONValue] = [:]
        for (index, column) in columns.enumerated() {
            let first = rows.first?[index]
            if rows.count >= 2, let first, rows.allSatisfy({ $0[index] == first }) {
                common[column] = first
            } else {
                keep.append(index)
            }
        }
        self.columns = keep.map { columns[$0] }
        self.rows = rows.map { row in keep.map { row[$0] } }
        self.common = common
    }

    /// `{"columns": [...], "rows": [[...], ...]}`, with `common` when a column was moved there.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "columns": .array(columns.map(JSONValue.string)),
            "rows": .array(rows.map(JSONValue.array)),
        ]
        if !common.isEmpty { object["common"] = .object(common) }
        return .object(object)
    }

    /// The `outputSchema` of `json` (cells are text, integers or null).
    static let schema: JSONValue = {
        let cell = Schema.either("string", "integer", "null")
        return [
            "type": "object",
            "properties": [
                "columns": Schema.array(of: Schema.plainString),
                "rows": Schema.array(of: Schema.array(of: cell)),
                "common": Schema.freeObject(),
            ],
        ]
    }()
}
