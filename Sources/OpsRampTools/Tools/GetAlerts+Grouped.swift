import OpsRampJSON
import OpsRampMCP

extension GetAlerts.Answer {
    /// `group_by: "resource"`: one row per resource, most urgent first, from every alert fetched,
    /// from the `resource_offset`-th row on. `byState` counts the alerts grouped. When the rows do not
    /// fit, `next` groups the same alerts again from the first row left out; when OpsRamp has more
    /// alerts (`totalResults`), `next` groups the following ones.
    func groups() -> ToolOutput {
        let alerts = collected.items
        let groups = ResourceAlertGroups.ranked(alerts)
        let states = ResourceAlertGroups.states(in: groups)
        let start = max(0, arguments.int("resource_offset", default: 0))
        let shown = groups.dropFirst(start)
        var tally = AlertTally()
        for alert in alerts { tally.add(alert) }
        let positions = shown.indices.map { JSONValue.int($0) }
        return ResultBudget.fit(positions, maxBytes: maxBytes) { kept, dropped in
            var result = base()
            result["resources"] = ResourceAlertGroups.table(shown.prefix(kept.count), states: states).json
            result["resourcesTotal"] = .int(groups.count)
            result["byState"] = .object(Dictionary(uniqueKeysWithValues: states.map { ($0, JSONValue.int(tally.count(state: $0))) }))
            let next =
                dropped > 0
                ? Continuation(
                    tool: tool, original: arguments, window: filters.window,
                    changes: [
                        "offset": .int(offset), "limit": .int(limit), "page": .null, "group_by": "resource",
                        "resource_offset": .int(start + kept.count),
                    ])
                : self.next(after: alerts.count, grouping: true)
            result["moreAvailable"] = .bool(next != nil)
            result.setIfPresent("next", next?.json)
            if dropped > 0 {
                result["truncated"] = .string(
                    "the \(dropped) least urgent of \(groups.count) resources were left out to keep this "
                        + "answer under \(maxBytes) bytes; next groups the same alerts from the first of them.")
            }
            return result
        }
    }
}
