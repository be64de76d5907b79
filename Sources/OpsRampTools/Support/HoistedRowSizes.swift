import OpsRampJSON
import Synchronization

/// The encoded size of a list of rows as `RowCompaction.hoist` shapes it (fields equal in every row
/// given once, in `common`), for every prefix of the list, measured in one pass over the rows.
///
/// Each row's fields are encoded once, as the rows arrive; a prefix's size then follows by
/// arithmetic, so finding how many rows fit a size cap needs no trial encodings of the answer.
/// Rows can be added page by page while they are fetched (see `isOver`). Thread-safe.
final class HoistedRowSizes: Sendable {
    private struct Field {
        let value: JSONValue
        /// `"key":value`, encoded.
        let bytes: Int
    }

    private struct State {
        var rowCount = 0
        /// The first row that is not an object: no prefix reaching it is hoisted.
        var firstNonObject: Int?
        /// Fields of the first row shared by every row so far (never-common fields excluded).
        var common: [String: Field] = [:]
        var commonBytes = 0
        /// Over the rows so far: encoded field bytes, field counts, and how many rows have each field count.
        var fieldBytes = 0
        var fieldCount = 0
        /// `rowsWithFieldCount[n]`: rows with `n` fields.
        var rowsWithFieldCount: [Int] = []
        /// Plain (not hoisted) encoded sizes, summed.
        var plainBytes = 0
        /// `list[k]` and `common[k]`: the encoded list and `common` object (nil when empty) of the first `k` rows.
        var list: [Int] = [2]
        var commonObject: [Int?] = [nil]
    }

    private let compaction: RowCompaction
    private let state = Mutex(State())

    init(compaction: RowCompaction, rows: some Sequence<JSONValue> = []) {
        self.compaction = compaction
        add(rows)
    }

    var count: Int { state.withLock { $0.rowCount } }

    /// Measures more rows, appended after those already measured.
    func add(_ rows: some Sequence<JSONValue>) {
        state.withLock { state in
            for row in rows { Self.append(row, to: &state, neverCommon: compaction.neverCommon) }
        }
    }

    /// Measures the rows of `all` not measured yet (a growing list, as a fetch collects it).
    func catchUp(with all: [JSONValue]) {
        state.withLock { state in
            for row in all.dropFirst(state.rowCount) { Self.append(row, to: &state, neverCommon: compaction.neverCommon) }
        }
    }

    /// The encoded size of the first `count` rows as a list, and of their `common` object (nil when there is none).
    func sizes(first count: Int) -> (list: Int, common: Int?) {
        state.withLock { state in
            let index = min(max(0, count), state.rowCount)
            return (state.list[index], state.commonObject[index])
        }
    }

    /// True when all the rows measured so far take more than `maxBytes` encoded: more rows cannot all appear.
    func isOver(_ maxBytes: Int) -> Bool {
        let (list, common) = sizes(first: count)
        return list + (common ?? 0) > maxBytes
    }

    private static func append(_ row: JSONValue, to state: inout State, neverCommon: Set<String>) {
        let index = state.rowCount
        state.rowCount += 1
        if case .object(let members) = row {
            var rowFieldBytes = 0
            for (key, value) in members {
                rowFieldBytes += JSONWriter.encodedCount(key) + 1 + JSONWriter.encodedCount(value)
            }
            state.fieldBytes += rowFieldBytes
            state.fieldCount += members.count
            if state.rowsWithFieldCount.count <= members.count {
                state.rowsWithFieldCount += Array(repeating: 0, count: members.count + 1 - state.rowsWithFieldCount.count)
            }
            state.rowsWithFieldCount[members.count] += 1
            state.plainBytes += 2 + rowFieldBytes + max(0, members.count - 1)
            // The fields every row shares: those of the first row, then only those equal in each later one.
            if index == 0 {
                for (key, value) in members where !neverCommon.contains(key) {
                    state.common[key] = Field(value: value, bytes: JSONWriter.encodedCount(key) + 1 + JSONWriter.encodedCount(value))
                }
            } else if !state.common.isEmpty {
                let differing = state.common.filter { members[$0.key] != $0.value.value }.map(\.key)
                for key in differing { state.common[key] = nil }
            }
        } else {
            if state.firstNonObject == nil { state.firstNonObject = index }
            state.plainBytes += JSONWriter.encodedCount(row)
            if index == 0 { state.common = [:] }
        }
        state.commonBytes = state.common.values.reduce(0) { $0 + $1.bytes }

        let rows = state.rowCount
        let hoisted = rows >= 2 && state.firstNonObject == nil && !state.common.isEmpty
        if hoisted {
            // Each row loses the common fields (and their commas); a row left with none is `{}`.
            let shared = state.common.count
            let commas = state.fieldCount - rows * (shared + 1) + (shared < state.rowsWithFieldCount.count ? state.rowsWithFieldCount[shared] : 0)
            let rowBytes = 2 * rows + state.fieldBytes - rows * state.commonBytes + commas
            state.list.append(2 + rowBytes + (rows - 1))
            state.commonObject.append(2 + state.commonBytes + (shared - 1))
        } else {
            state.list.append(2 + state.plainBytes + (rows - 1))
            state.commonObject.append(nil)
        }
    }
}
