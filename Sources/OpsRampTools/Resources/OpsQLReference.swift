import OpsRampAPI

/// The text of the `opsql://reference` and `opsramp://query-string-reference` resources.
enum OpsQLReference {
    static func markdown(_ names: ToolNames) -> String {
        """
        # OpsQL reference

        A query is posted to `/opsql/api/v3/tenants/{tenantId}/queries`\
        \(names.available(.executeOpsQLQuery).map { " (\($0) does this)" } ?? "") as JSON:

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
    }

    static func queryStringMarkdown(_ names: ToolNames) -> String {
        """
        # OpsRamp queryString (\
        \(names.listing([.getAlerts, .getMinimalResourceDetails]).map { "\($0) `query_string`" } ?? "alert search and resource lookups"))

        Filters are `key:value` pairs joined by `+`; several values for one key are joined by `,`:
        `states:Critical,Warning+priority:P0,P1+actions:OPEN`. A value cannot contain `+`.

        ## Alert search keys

        \(OpsRampClient.alertQueryKeys.sorted().joined(separator: ", "))

        - states: Critical, Warning, Info, Ok (any case)
        - priority: P0 ... P5
        - actions: \(AlertAction.spellings.joined(separator: ", "))\
        \(names.available(.getAlerts).map { " (the \($0) `actions` argument sets them too)" } ?? "")
        - alertTypes: Monitoring, Maintenance, Appliance, Agent, Integration Failure, ...
        - startDate / endDate / alertTimeBase: give since / until / time_base instead (read in the operator's time zone, always sent as a pair)
        - resourceIds: resource ids\(names.available(.getMinimalResourceDetails).map { " from \($0)" } ?? "")

        There is no host-name key for alerts: look the resource up first, then filter by resourceIds.

        ## Who acted, and when (OpsRamp's separate statusHistory parameter)

        \(OpsRampClient.statusHistoryKeys.sorted().joined(separator: ", "))

        Write them in \(names.available(.getAlerts) ?? "the alert search's") `query_string` like the other keys; they are sent in the
        `statusHistory` parameter, which is where OpsRamp reads them.

        ## Resource keys

        \(OpsRampClient.resourceQueryKeys.sorted().joined(separator: ", "))

        Matching is by substring unless `isEquals:true` is added. `deviceType` takes operating system
        families (Windows, Linux); `resourceType` and `type` take OpsRamp's categories (DEVICE,
        DOCUMENT_DB, LOAD_BALANCER, ...). In answers, `resourceType` holds values such as Linux,
        Server, ROUTE_53 or Other.
        """
    }
}
