import OpsRampJSON

/// The OpsQL `objectType`s the fake accepts (reference §9), and how each reads its attributes.
enum OpsQLObjectType: String, Sendable, CaseIterable {
    case alert, resource, topology, tag, ticket

    /// The value of `attribute` on `object`. Alerts answer OpsQL names for v2 fields (§14.6): `id` is
    /// `uniqueId`, `createdTime` is `createdDate`, `clientId` is `clientUniqueId`, `status` is
    /// `OPEN`/`CLOSED`, `currentState` is in capitals (`CRITICAL`), `isInferenceAlert` derives from
    /// `eventType`; other names not found on the alert are looked up on its `resource` (so `dnsName`
    /// or `ipAddress` work).
    func value(of attribute: String, in object: JSONValue) -> JSONValue? {
        guard self == .alert else { return object.value(atPath: attribute) }
        switch attribute {
        case "id": return object["uniqueId"]
        case "currentState": return object["currentState"]?.stringValue.map { .string($0.uppercased()) }
        case "createdTime": return object["createdDate"] ?? object["createdTime"]
        case "clientId": return object["clientUniqueId"]
        case "status": return object["closed"]?.boolValue == true ? "CLOSED" : "OPEN"
        case "isInferenceAlert": return .bool(object["eventType"]?.stringValue == "INFERENCE")
        default: return object.value(atPath: attribute) ?? object.value(atPath: "resource." + attribute)
        }
    }

    /// The object as returned when the query names no `fields`: everything, with an alert's
    /// `uniqueId` presented as `id`.
    func fullObject(_ object: JSONValue) -> JSONValue {
        guard self == .alert, case .object(var members) = object else { return object }
        members["id"] = members.removeValue(forKey: "uniqueId")
        members.setIfPresent("currentState", value(of: "currentState", in: object))
        return .object(members)
    }
}
