import OpsRampJSON

/// A fixed document the server offers under a URI (`resources/list`, `resources/read`).
public struct Resource: Sendable {
    public let uri: String
    public let name: String
    public let title: String
    public let description: String
    public let mimeType: String
    /// Produces the text; called on every read.
    public let text: @Sendable () -> String

    public init(uri: String, name: String, title: String, description: String, mimeType: String, text: @escaping @Sendable () -> String) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.text = text
    }

    func listing(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "uri": .string(uri), "name": .string(name), "description": .string(description), "mimeType": .string(mimeType),
        ]
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}

/// A family of documents addressed by a URI template with one `{variable}`,
/// e.g. `opsql://examples/{category}`.
public struct ResourceTemplate: Sendable {
    public let uriTemplate: String
    public let name: String
    public let title: String
    public let description: String
    public let mimeType: String
    /// The values the variable may take, for `completion/complete`.
    public let values: [String]
    /// The text for one value; `nil` when the value is unknown.
    public let text: @Sendable (_ value: String) -> String?

    public init(
        uriTemplate: String, name: String, title: String, description: String, mimeType: String,
        values: [String], text: @escaping @Sendable (String) -> String?
    ) {
        self.uriTemplate = uriTemplate
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.values = values
        self.text = text
    }

    /// The name of the template's variable, e.g. `category`.
    public var variable: String {
        guard let open = uriTemplate.firstIndex(of: "{"), let close = uriTemplate.firstIndex(of: "}"), open < close else { return "" }
        return String(uriTemplate[uriTemplate.index(after: open)..<close])
    }

    /// The variable's value when `uri` matches the template, else `nil`.
    func match(_ uri: String) -> String? {
        guard let open = uriTemplate.firstIndex(of: "{"), let close = uriTemplate.firstIndex(of: "}") else { return nil }
        let prefix = String(uriTemplate[..<open])
        let suffix = String(uriTemplate[uriTemplate.index(after: close)...])
        guard uri.hasPrefix(prefix), uri.hasSuffix(suffix), uri.count > prefix.count + suffix.count else { return nil }
        return String(uri.dropFirst(prefix.count).dropLast(suffix.count))
    }

    func listing(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "uriTemplate": .string(uriTemplate), "name": .string(name), "description": .string(description), "mimeType": .string(mimeType),
        ]
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}

/// Every resource and template the server offers.
public struct ResourceCatalog: Sendable {
    public let resources: [Resource]
    public let templates: [ResourceTemplate]

    public init(resources: [Resource], templates: [ResourceTemplate]) {
        self.resources = resources
        self.templates = templates
    }

    public static let empty = ResourceCatalog(resources: [], templates: [])

    /// The contents for `uri`, from a fixed resource or a template; `nil` when unknown.
    func read(_ uri: String) -> (mimeType: String, text: String)? {
        if let resource = resources.first(where: { $0.uri == uri }) { return (resource.mimeType, resource.text()) }
        for template in templates {
            if let value = template.match(uri), let text = template.text(value) { return (template.mimeType, text) }
        }
        return nil
    }
}
