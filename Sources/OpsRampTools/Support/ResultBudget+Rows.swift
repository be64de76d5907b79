import OpsRampJSON
import OpsRampMCP

extension ResultBudget {
    /// `fit` for answers whose list is hoisted (`compaction.hoist`): the list goes under `listKey`, the
    /// shared fields under `common`. The largest prefix of `rows` that fits `maxBytes` is found from
    /// `sizes` (measured in one pass) and one small encoding of the other members per candidate; the
    /// answer is then built and encoded once. Same choice as `fit` would make, without its trial encodings.
    ///
    /// `build` gets the rows kept (before hoisting) and how many were dropped, and returns the other members.
    static func fitRows(
        _ rows: [JSONValue], sizes: HoistedRowSizes? = nil, compaction: RowCompaction, listKey: String, maxBytes: Int,
        build: (_ kept: ArraySlice<JSONValue>, _ dropped: Int) -> [String: JSONValue]
    ) -> ToolOutput {
        let sizes = sizes ?? HoistedRowSizes(compaction: compaction, rows: rows)
        sizes.catchUp(with: rows)
        let listKeyBytes = JSONWriter.bytes(.string(listKey)).count + 1
        let commonKeyBytes = JSONWriter.bytes(.string("common")).count + 1

        /// The encoded size of the answer with the first `count` rows.
        func size(_ count: Int) -> Int {
            let others = build(rows.prefix(count), rows.count - count)
            let (list, common) = sizes.sizes(first: count)
            var added = listKeyBytes + list
            var members = 1
            if let common {
                added += commonKeyBytes + common
                members += 1
            }
            // Each added member brings a comma, but the first member of an object has none.
            return JSONWriter.bytes(.object(others)).count + added + members - (others.isEmpty ? 1 : 0)
        }

        var kept = rows.count
        if size(rows.count) > maxBytes {
            // Binary search for the largest prefix that fits (sizes grow with the prefix).
            var low = 0
            var high = rows.count
            while low < high {
                let middle = (low + high + 1) / 2
                if size(middle) <= maxBytes { low = middle } else { high = middle - 1 }
            }
            kept = low
        }
        var result = build(rows.prefix(kept), rows.count - kept)
        let (common, hoisted) = compaction.hoist(Array(rows.prefix(kept)))
        result[listKey] = .array(hoisted)
        if !common.isEmpty { result["common"] = .object(common) }
        return ToolOutput(result, encoded: JSONWriter.bytes(.object(result)))
    }
}
