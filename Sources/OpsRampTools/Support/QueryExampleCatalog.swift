import OpsRampJSON

/// Worked OpsQL request bodies for `get_query_examples` and the `opsql://examples` resource.
///
/// Every body is one that `execute_opsql_query` accepts as it is. Field names and operators
/// follow OpsRamp's OpsQL reference; see `opsql://reference` for the lists.
enum QueryExampleCatalog {
    enum Category: String, CaseIterable, Sendable {
        case alerts, resources, topology
    }

    struct Example: Sendable {
        let category: Category
        let question: String
        let body: JSONValue

        var json: JSONValue {
            ["question": .string(question), "query": body]
        }
    }

    static let examples: [Example] = [
        Example(
            category: .alerts,
            question: "Open critical alerts raised in the last hour",
            body: [
                "objectType": "alert",
                "fields": ["id", "subject", "currentState", "priority", "status", "createdTime", "metric", "component"],
                "filterCriteria": "currentState = \"CRITICAL\" AND status = \"OPEN\" AND createdTime > \"-60min\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .alerts,
            question: "Critical or warning alerts of the last 24 hours on one host",
            body: [
                "objectType": "alert",
                "fields": ["id", "subject", "currentState", "priority", "createdTime", "dnsName", "metric"],
                "filterCriteria":
                    "(currentState = \"CRITICAL\" OR currentState = \"WARNING\") AND createdTime > \"-1d\" AND dnsName = \"web-01.example.com\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .alerts,
            question: "P0 and P1 alerts that have an incident",
            body: [
                "objectType": "alert",
                "fields": ["id", "subject", "priority", "currentState", "incidentId", "createdTime"],
                "filterCriteria": "(priority = \"P0\" OR priority = \"P1\") AND incidentId IS NOT NULL",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .alerts,
            question: "How many open critical alerts are there? (a count, not a list)",
            body: [
                "objectType": "alert",
                "filterCriteria": "currentState = \"CRITICAL\" AND status = \"OPEN\"",
                "aggregateFunction": "count",
                "groupBy": [],
            ]),
        Example(
            category: .resources,
            question: "AWS resources and their state",
            body: [
                "objectType": "resource",
                "fields": ["id", "name", "ipAddress", "state", "make", "nativeType", "agentInstalled"],
                "filterCriteria": "make = \"AWS\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .resources,
            question: "AWS EC2 instances",
            body: [
                "objectType": "resource",
                "fields": ["id", "name", "ipAddress", "dnsName", "state", "nativeType", "tags"],
                "filterCriteria": "make = \"AWS\" AND nativeType CONTAINS \"EC2\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .resources,
            question: "Active Linux servers without an agent",
            body: [
                "objectType": "resource",
                "fields": ["id", "name", "hostName", "ipAddress", "osType"],
                "filterCriteria": "state = \"active\" AND type CONTAINS \"Linux\" AND agentInstalled = \"false\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .resources,
            question: "Resources tagged Environment = Production",
            body: [
                "objectType": "resource",
                "fields": ["id", "name", "ipAddress", "type", "tags"],
                "filterCriteria": "tags.name = \"Environment\" AND tags.value = \"Production\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .resources,
            question: "How many resources have an agent installed? (a count)",
            body: [
                "objectType": "resource",
                "filterCriteria": "agentInstalled = \"true\"",
                "aggregateFunction": "count",
                "groupBy": [],
            ]),
        Example(
            category: .topology,
            question: "Relationships discovered by one integration",
            body: [
                "objectType": "topology",
                "fields": ["id", "sourceId", "targetId", "relation"],
                "filterCriteria": "intAppId = \"INTG-00000000-0000-0000-0000-000000000000\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
        Example(
            category: .topology,
            question: "What a given resource is connected to",
            body: [
                "objectType": "topology",
                "fields": ["id", "sourceId", "targetId", "relation"],
                "filterCriteria": "sourceId = \"<resource id>\"",
                "pageNo": 1,
                "pageSize": 100,
            ]),
    ]

    /// How to write a query, in a few lines.
    static let syntaxNotes: [String] = [
        "A query is a JSON object: objectType (alert, resource, topology, ...), fields (the attributes to return), "
            + "filterCriteria (the condition), pageNo (from 1) and pageSize (up to 1000).",
        "filterCriteria: <attribute> <operator> \"<value>\", joined with AND / OR, grouped with parentheses. Quote non-numeric values.",
        "Operators: =, !=, >, <, CONTAINS, STARTS WITH, LIKE, NOT LIKE, IS NULL, IS NOT NULL.",
        "Relative times compare against now: createdTime > \"-7200sec\", > \"-120min\", > \"-1d\".",
        "Alert states are CRITICAL, WARNING, INFO, OK (case-insensitive); an open alert has status = \"OPEN\". Priorities are P0 (highest) to P5.",
        "For a count instead of rows, use \"aggregateFunction\": \"count\" with \"groupBy\": [] and no fields.",
        "Alert rows use id (not uniqueId). Each row holds only the fields you asked for.",
    ]

    static func examples(for category: String) -> [Example]? {
        if category == "all" { return examples }
        guard let wanted = Category(rawValue: category) else { return nil }
        return examples.filter { $0.category == wanted }
    }

    static var categoryNames: [String] { Category.allCases.map(\.rawValue) + ["all"] }
}
