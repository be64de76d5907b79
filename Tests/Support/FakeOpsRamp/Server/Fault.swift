/// A misbehaviour the fake performs instead of (or on top of) its normal answer.
///
/// Faults are queued per `Route` with `FakeOpsRamp.inject(_:on:times:)`; each matching
/// request consumes one. They imitate what clients meet in the wild (reference §3, §4):
/// gateways answering HTML, throttling, dropped connections, truncated bodies.
public enum Fault: Sendable {
    /// Answer this status and body; `headers` override the usual ones of the same name.
    case status(Int, body: String, headers: [String: String] = [:], contentType: String = "application/json")
    /// 429 `{"error":"throttled","error_description":"Too Many Requests"}` (§4); `Retry-After` only
    /// when `retryAfter` is given; `X-RateLimit-Reset` = now + `resetIn` (epoch seconds) when given.
    case rateLimited(retryAfter: Int?, resetIn: Int?)
    /// Read the request and never answer; the connection stays open until the client gives up or `stop()`.
    case hang
    /// Close the socket abruptly (`SO_LINGER` 0, so the peer sees a TCP reset) without answering.
    /// Note: libcurl (URLSession on Linux) silently retries a request once when a *reused*
    /// keep-alive connection dies before any answer, so inject `times: 2` — or send the request
    /// on a fresh connection — when a URLSession client must see the failure.
    case reset
    /// Send the normal headers (with the full `Content-Length`) and only half the body, then close.
    case truncated
    /// Send the headers of this answer (its full `Content-Length`, or chunked when it says so) and
    /// half its body, then nothing more: the connection stays open until the client closes it
    /// (counted in `abandonedHangCount`) or `stop()`. A body that stops arriving midway.
    case stalledBody(Int, body: [UInt8], headers: [String: String])
    /// This status with an HTML error page, `Content-Type: text/html`, as a gateway would send.
    case html(Int)
    /// 200 with the body `{"results": [` (not JSON).
    case invalidJSON
    /// 200 with an empty body where JSON is expected.
    case emptyBody
    /// A success status with OpsRamp's error object `{"code": …, "message": …}` instead of results (§14.5).
    case errorObject(status: Int = 200, code: String, message: String)
    /// 200 with a valid JSON body of about this many bytes, shaped like the route's normal answer.
    case oversized(bytes: Int)
    /// Answer normally, after this many extra seconds.
    case delay(Double)
    /// Answer this status with exactly these body bytes (not necessarily text, e.g. a gzip stream)
    /// and headers, whatever the request asked for.
    case bytes(Int, body: [UInt8], headers: [String: String])
}
