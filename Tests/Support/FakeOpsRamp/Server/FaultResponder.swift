import Foundation
import OpsRampJSON

/// Turns an injected `Fault` into a `ResponsePlan`. `normal` produces the answer the request
/// would have had, for faults that deliver it late or damaged.
enum FaultResponder {
    static func plan(for fault: Fault, route: Route?, now: Date, normal: () -> HTTPResponse) -> ResponsePlan {
        switch fault {
        case .status(let status, let body, let headers, let contentType):
            var response = HTTPResponse.raw(status, body, contentType: contentType)
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) { response.setHeader(name, value) }
            return ResponsePlan(delay: 0, outcome: .respond(response))
        case .rateLimited(let retryAfter, let resetIn):
            var response = APIErrors.oauth(429, error: "throttled", description: "Too Many Requests")
            response.setHeader("X-RateLimit-Remaining", "0")
            if let retryAfter { response.setHeader("Retry-After", String(retryAfter)) }
            if let resetIn { response.setHeader("X-RateLimit-Reset", String(Int(now.timeIntervalSince1970) + resetIn)) }
            return ResponsePlan(delay: 0, outcome: .respond(response))
        case .hang:
            return ResponsePlan(delay: 0, outcome: .hang)
        case .reset:
            return ResponsePlan(delay: 0, outcome: .reset)
        case .truncated:
            var response = normal()
            if response.body.count < 2 { response = .json(200, ["results": [], "nextPage": false]) }
            return ResponsePlan(delay: 0, outcome: .truncate(response))
        case .html(let status):
            let title = "\(status) \(HTTPResponse.reason(for: status))"
            let page =
                "<!DOCTYPE html>\n<html><head><title>\(title)</title></head>"
                + "<body><center><h1>\(title)</h1></center><hr><center>nginx</center></body></html>\n"
            return ResponsePlan(delay: 0, outcome: .respond(.raw(status, page, contentType: "text/html")))
        case .invalidJSON:
            return ResponsePlan(delay: 0, outcome: .respond(.raw(200, #"{"results": ["#, contentType: "application/json")))
        case .emptyBody:
            let response = HTTPResponse(status: 200, headers: [("Content-Type", "application/json;charset=UTF-8")])
            return ResponsePlan(delay: 0, outcome: .respond(response))
        case .errorObject(let status, let code, let message):
            return ResponsePlan(delay: 0, outcome: .respond(.json(status, ["code": .string(code), "message": .string(message)])))
        case .oversized(let bytes):
            let response = HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json;charset=UTF-8")],
                body: OversizedBody.make(bytes: bytes, route: route))
            return ResponsePlan(delay: 0, outcome: .respond(response))
        case .delay(let seconds):
            return ResponsePlan(delay: max(0, seconds), outcome: .respond(normal()))
        case .stalledBody(let status, let body, let headers):
            var response = HTTPResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")], body: body)
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) { response.setHeader(name, value) }
            return ResponsePlan(delay: 0, outcome: .stall(response))
        case .bytes(let status, let body, let headers):
            var response = HTTPResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")], body: body)
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) { response.setHeader(name, value) }
            return ResponsePlan(delay: 0, outcome: .respond(response))
        }
    }
}
