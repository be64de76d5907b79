import Foundation

/// What reading the next request from a connection produced.
enum ReadOutcome {
    case request(HTTPRequest)
    /// The peer closed the connection (or it failed) between requests.
    case closed
    /// The bytes are not a request the fake can serve; answer this status and close.
    case rejected(status: Int, reason: String)
}

/// Reads HTTP/1.1 requests from one socket, one after another (keep-alive).
///
/// Bodies must carry `Content-Length`; chunked request bodies are refused with 501, which
/// neither URLSession nor urllib sends for the small bodies clients of this API post.
struct HTTPRequestReader {
    static let maxHeadBytes = 64 * 1024
    static let maxBodyBytes = 16 * 1024 * 1024

    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
    }

    /// Reads the next request. `sendContinue` is called before the body is read when the client
    /// sent `Expect: 100-continue` and is waiting for the interim answer.
    mutating func next(sendContinue: () -> Void) -> ReadOutcome {
        dropLeadingLineBreaks()
        var headEnd: Int?
        while true {
            headEnd = Self.endOfHead(in: buffer)
            if headEnd != nil { break }
            if buffer.count > Self.maxHeadBytes { return .rejected(status: 431, reason: "request head too large") }
            if POSIXSocket.receive(fd, into: &buffer) <= 0 { return .closed }
            dropLeadingLineBreaks()
        }
        guard let headEnd else { return .closed }
        let headText = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .rejected(status: 400, reason: "malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .rejected(status: 400, reason: "malformed header") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        if let encoding = headers["transfer-encoding"], encoding.lowercased() != "identity" {
            return .rejected(status: 501, reason: "chunked request bodies are not supported")
        }
        var length = 0
        if let declared = headers["content-length"] {
            guard let value = Int(declared), value >= 0 else { return .rejected(status: 400, reason: "bad Content-Length") }
            guard value <= Self.maxBodyBytes else { return .rejected(status: 413, reason: "request body too large") }
            length = value
        }
        let bodyStart = headEnd + 4
        if length > 0, buffer.count < bodyStart + length,
            headers["expect"]?.lowercased() == "100-continue"
        {
            sendContinue()
        }
        while buffer.count < bodyStart + length {
            if POSIXSocket.receive(fd, into: &buffer) <= 0 { return .closed }
        }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        buffer.removeFirst(bodyStart + length)
        return .request(
            HTTPRequest(
                method: requestLine[0], target: requestLine[1], version: requestLine[2],
                headers: headers, body: body))
    }

    /// RFC 9112 §2.2: a server should ignore empty lines received before the request line.
    private mutating func dropLeadingLineBreaks() {
        let count = buffer.prefix { $0 == 0x0D || $0 == 0x0A }.count
        if count > 0 { buffer.removeFirst(count) }
    }

    /// Index of the `\r\n\r\n` that ends the head, if it has arrived.
    private static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D && bytes[index + 3] == 0x0A {
            return index
        }
        return nil
    }
}
