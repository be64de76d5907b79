import OpsRampJSON

/// An HTTP response the fake is about to send.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header names as they go on the wire; `Content-Length` and `Connection` are added when serialising.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer written compactly with sorted keys.
    static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "application/json;charset=UTF-8")],
            body: JSONWriter.bytes(value))
    }

    /// A body sent as given, with the given content type.
    static func raw(_ status: Int, _ body: String, contentType: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Array(body.utf8))
    }

    /// Sets a header, replacing any existing one with the same name (compared case-insensitively).
    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sent in chunks without a `Content-Length` (a `Transfer-Encoding: chunked` header was set), as
    /// gateways send bodies they stream: the client learns the size only as the body arrives.
    var isChunked: Bool {
        header("transfer-encoding")?.lowercased() == "chunked"
    }

    /// The status line and headers, ending with the blank line; `Content-Length` is the full body
    /// size, unless the body goes in chunks.
    func head(closeConnection: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(for: status))\r\n"
        for (name, value) in headers where !["content-length", "connection"].contains(name.lowercased()) {
            text += "\(name): \(value)\r\n"
        }
        if !isChunked { text += "Content-Length: \(body.count)\r\n" }
        text += "Connection: \(closeConnection ? "close" : "keep-alive")\r\n\r\n"
        return Array(text.utf8)
    }

    func serialized(closeConnection: Bool) -> [UInt8] {
        head(closeConnection: closeConnection) + (isChunked ? chunkedBody() : body)
    }

    /// The body in chunks of 16 KiB, then the last (empty) chunk.
    private func chunkedBody() -> [UInt8] {
        var bytes: [UInt8] = []
        var start = 0
        while start < body.count {
            let end = min(body.count, start + 16 * 1024)
            bytes += Array("\(String(end - start, radix: 16))\r\n".utf8) + body[start..<end] + Array("\r\n".utf8)
            start = end
        }
        return bytes + Array("0\r\n\r\n".utf8)
    }

    static func reason(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
