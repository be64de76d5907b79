import OpsRampJSON

/// `GET /api/v2/tenants/{tenantId}/resources/minimal` (reference §7): a bare array of minimal
/// resource objects — or, as configured, an empty body when nothing matches, or the §5 envelope.
enum MinimalResourcesEndpoint {
    /// The resource `queryString` keys OpsRamp accepts (§7).
    static let knownKeys: Set<String> = [
        "hostName", "dnsName", "resourceName", "aliasName", "id", "serialNumber", "ipAddress", "systemUID", "state",
        "type", "deviceType", "resourceType", "startCreationDate", "endCreationDate", "startUpdationDate",
        "endUpdationDate", "tags", "template", "agentProfile", "gatewayProfile", "instanceId", "accountNumber",
        "installedIntgId", "agentInstalled", "deviceGroup", "serviceGroup", "deviceLocation", "isEquals",
        "assetManagedTime", "firstAssetManagedTime", "appRoles",
    ]

    /// queryString keys the fake filters on, and the resource field each one reads.
    private static let filteredFields: [String: String] = [
        "hostName": "hostName", "dnsName": "dnsName", "resourceName": "resourceName", "aliasName": "aliasName",
        "id": "id", "serialNumber": "serialNumber", "ipAddress": "ipAddress", "state": "state", "type": "type",
        "deviceType": "resourceType", "resourceType": "resourceType", "agentInstalled": "agentInstalled",
    ]

    private static let states: Set<String> = ["active", "inactive", "discovered", "all"]

    /// With `FakeVariants.resourceTypeIsCategory`: `resourceType` filters the category, `deviceType` the OS family.
    private static let categoryFields: [String: String] = ["resourceType": "type", "deviceType": "resourceType"]

    static func answer(
        query: [String: String], resources: [JSONValue],
        emptyBodyWhenNone: Bool, asEnvelope: Bool, variants: FakeVariants = FakeVariants()
    ) -> HTTPResponse {
        do throws(Rejection) {
            let state = (query["state"].flatMap { $0.isEmpty ? nil : $0 } ?? "active").lowercased()
            guard states.contains(state) else {
                throw Rejection(
                    response: APIErrors.validation(
                        field: "state", message: "state must be one of active, inactive, discovered, all"))
            }
            let terms = try QueryStringTerms(query["queryString"], knownKeys: knownKeys)
            let exact = terms["isEquals"]?.first?.lowercased() == "true"
            let matching = resources.filter { resource in
                (state == "all" || resource["state"]?.stringValue?.lowercased() == state)
                    && matches(resource, terms: terms, exact: exact, categories: variants.resourceTypeIsCategory)
            }
            if matching.isEmpty, emptyBodyWhenNone {
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/json;charset=UTF-8")])
            }
            let minimal = matching.map(minimalObject)
            guard asEnvelope else { return .json(200, .array(minimal)) }
            let page = try SearchPaging.pageRequest(from: query)
            let envelope = SearchPaging.envelope(all: minimal, page: page, orderBy: nil, descending: false)
            guard variants.minimalEnvelopeWithoutTotal, case .object(var members) = envelope else { return .json(200, envelope) }
            members["totalResults"] = nil
            members["totalPages"] = nil
            return .json(200, .object(members))
        } catch {
            return error.response
        }
    }

    /// Substring match, case-insensitive; exact when `isEquals:true`; `agentInstalled` always exact.
    private static func matches(_ resource: JSONValue, terms: QueryStringTerms, exact: Bool, categories: Bool) -> Bool {
        for key in terms.keys {
            guard let field = (categories ? categoryFields[key] : nil) ?? filteredFields[key], let wanted = terms[key] else { continue }
            let actual = resource[field]?.scalarText ?? ""
            let found = wanted.contains { value in
                if key == "agentInstalled" { return actual == value.lowercased() }
                return exact ? actual == value : actual.lowercased().contains(value.lowercased())
            }
            if !found { return false }
        }
        return true
    }

    /// The minimal shape of §7: id, name, hostName, ipAddress, aliasName, resourceName, resourceType,
    /// and dnsName when the resource has one.
    static func minimalObject(_ resource: JSONValue) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in ["id", "name", "hostName", "ipAddress", "aliasName", "resourceName", "resourceType"] {
            object[field] = resource[field] ?? ""
        }
        if let dnsName = resource["dnsName"], dnsName.stringValue?.isEmpty == false {
            object["dnsName"] = dnsName
        }
        return .object(object)
    }
}
