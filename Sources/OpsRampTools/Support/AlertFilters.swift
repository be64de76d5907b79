import OpsRampAPI
import OpsRampJSON
import OpsRampMCP

/// What `get_alerts` sends: the `queryString`, the separate `statusHistory` parameter, and the window.
struct AlertFilters: Sendable {
    var query = QueryString()
    var statusHistory = QueryString()
    var window: TimeWindow?

    /// Keys that only the structured time arguments may set, so that every window is read in the
    /// operator's zone, sent as a start and end pair, and reported in the answer.
    static let windowKeys: [String: String] = ["startDate": "since", "endDate": "until", "alertTimeBase": "time_base"]

    /// Reads the `get_alerts` arguments. Structured arguments and `query_string` may not set the same key.
    init(_ arguments: ToolArguments, environment: ToolEnvironment) throws {
        do {
            try query.add("states", AlertFilterVocabulary.parse(arguments.strings("states"), argument: "states", as: AlertState.self))
            try query.add("priority", AlertFilterVocabulary.parse(arguments.strings("priorities"), argument: "priorities", as: AlertPriority.self))
            try query.add("resourceIds", arguments.strings("resource_ids"))
            var actions = try AlertFilterVocabulary.parse(arguments.strings("actions"), argument: "actions", as: AlertAction.self)
            // open_only is the older spelling of actions [OPEN]; kept so existing callers work.
            if arguments.bool("open_only") == true, !actions.contains(.open) { actions.append(.open) }
            try query.add("actions", actions)

            let timeBase = AlertTimeBase(rawValue: arguments.string("time_base", default: AlertTimeBase.created.rawValue)) ?? .created
            window = try environment.window(since: arguments.string("since"), until: arguments.string("until"), timeBase: timeBase)
            try window?.add(to: &query)

            if let raw = arguments.string("query_string") {
                let parsed = try QueryString.parse(raw, allowedKeys: OpsRampClient.alertQueryKeys.union(OpsRampClient.statusHistoryKeys))
                for pair in parsed.pairs {
                    if let argument = Self.windowKeys[pair.key] {
                        throw ToolFailure(
                            "Invalid filter: give the time window with \(argument) (and since/until/time_base), "
                                + "not as \(pair.key) in query_string: they are read in the operator's time zone and always sent as a pair.")
                    }
                }
                let normalized = try AlertFilterVocabulary.normalizeKnownValues(parsed)
                var search = QueryString()
                var history = QueryString()
                for pair in normalized.pairs {
                    if OpsRampClient.statusHistoryKeys.contains(pair.key) {
                        try history.add(pair.key, pair.values)
                    } else {
                        try search.add(pair.key, pair.values)
                    }
                }
                try query.merge(search)
                try statusHistory.merge(history)
            }
        } catch let error as QueryStringError {
            // Its own message (`Invalid filter: …`); other errors pass through as they are.
            throw error
        }
    }

    /// The fields an answer shows about what was sent: the queryString without the window, which
    /// `window` shows in readable form.
    func describe(into result: inout [String: JSONValue]) {
        let filters = query.pairs.filter { Self.windowKeys[$0.key] == nil }
        if !filters.isEmpty {
            result["queryString"] = .string(filters.map { "\($0.key):\($0.values.joined(separator: ","))" }.joined(separator: "+"))
        }
        if !statusHistory.isEmpty { result["statusHistory"] = .string(statusHistory.description) }
        if let window { result["window"] = window.json }
    }
}
