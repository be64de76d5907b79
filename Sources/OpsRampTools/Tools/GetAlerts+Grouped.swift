import JSON
import MCP

extension GetAlerts.Answer {
    /// `group_by: "resource"`: one row per resource, most urgent first, from every alert fetched.
    /// `byState` counts the alerts grouped; when OpsRamp has more (`totalResults`), `next` groups the
    /// following ones.
    func groups() -> ToolOutput {
        let alerts = collected.items
        let groups = ResourceAlertGroups.ranked(alerts)
        let states = ResourceAlertGroups.states(in: groups)
        var tally = AlertTally()
        for alert in alerts { tally.add(alert) }
        let positions = groups.indices.map { JSONValue.int($0) }
        return ResultBudget.fit(positions, maxBytes: maxBytes) { kept, dropped in
            var result = base()
            result["resources"] = ResourceAlertGroups.table(groups.prefix(kept.count), states: states).json
            result["resourcesTotal"] = .int(groups.count)
            result["byState"] = .object(Dictionary(uniqueKeysWithValues: states.map { ($0, JSONValue.int(tally.count(state: $0))) }))
            let next = next(after: alerts.count, grouping: true)
            result["moreAvailable"] = .bool(next != nil || dropped > 0)
            result.setIfPresent("next", next?.json)
            if dropped > 0 {
                result["truncated"] = .string("the \(dropped) least urgent of \(groups.count) resources were left out to keep this "
                    + "answer under \(maxBytes) bytes; narrow the filters (states, priorities, since, resource_ids) to see them.")
            }
            return result
        }
    }
}
