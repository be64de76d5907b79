import OpsRampAPI

/// The text of the `opsql://reference` and `opsramp://query-string-reference` resources.
enum OpsQLReference {
    static let markdown = """
        # OpsQL reference

        A query is posted to `/opsql/api/v3/tenants/{tenantId}/queries` (execute_opsql_query does this) as JSON:

        | field | type | meaning |
        |---|---|---|
        | objectType | string, required | \(ExecuteOpsQLQuery.objectTypes.joined(separator: ", ")) |
        | fields | list of strings | attributes to return; each row holds only these |
        | filterCriteria | string | the condition (syntax below) |
        | pageNo | integer | page, from 1 |
        | pageSize | integer | rows per page, at most 1000 |
        | sortBy / sortByOrder | string / ASC or DESC | ordering |
        | aggregateFunction + groupBy | "count" + [] | a count instead of rows |

        ## filterCriteria

        `<attribute> <operator> "<value>"`, joined with `AND` / `OR`, grouped with parentheses.
        Quote values that are not numbers (double or single quotes).

        Operators: `=`, `!=`, `>`, `<`, `CONTAINS`, `STARTS WITH`, `LIKE`, `NOT LIKE`, `IS NULL`, `IS NOT NULL`.

        Relative times compare against now: `createdTime > "-7200sec"`, `createdTime > "-120min"`, `createdTime > "-1d"`.

        ## Alert attributes

        id, subject, currentState (CRITICAL, WARNING, INFO, OK; case-insensitive), priority (P0-P5), status (OPEN, ...),
        createdTime, metric, component, incidentId, isInferenceAlert, clientId, dnsName,
        resource.tags.name, resource.tags.value. Alert rows use `id`, not `uniqueId`.

        ## Resource attributes

        id, name, type, aliasName, resourceName, hostName, make, model, ipAddress, alternateIpAddress, os, osType,
        serialNumber, clientId, partnerId, entityType, nativeType, dnsName, moId, internalId, state (active, inactive),
        macAddress, agentInstalled (true/false, quoted), monitorable, tags, tags.name, tags.value, timezone,
        installedAppName, availableAppName.

        ## Topology attributes

        id, sourceId, targetId, relation, intAppId.

        OpsQL honours the permissions of the integration's role: rows it may not see are not returned.
        """

    static var queryStringMarkdown: String {
        """
        # OpsRamp queryString (get_alerts and get_minimal_resource_details `query_string`)

        Filters are `key:value` pairs joined by `+`; several values for one key are joined by `,`:
        `states:Critical,Warning+priority:P0,P1+actions:OPEN`. A value cannot contain `+`.

        ## Alert search keys

        \(OpsRampClient.alertQueryKeys.sorted().joined(separator: ", "))

        - states: Critical, Warning, Info, Ok
        - priority: P0 ... P5
        - actions: OPEN, ACKNOWLEDGED, TICKETED, CLOSED, SUPPRESSED, ...
        - alertTypes: Monitoring, Maintenance, Appliance, Agent, Integration Failure, ...
        - startDate / endDate: set them with since / until instead; alertTimeBase: created or updated
        - resourceIds: resource ids from get_minimal_resource_details

        There is no host-name key for alerts: look the resource up first, then filter by resourceIds.

        ## Resource keys

        \(OpsRampClient.resourceQueryKeys.sorted().joined(separator: ", "))

        Matching is by substring unless `isEquals:true` is added.
        """
    }
}
