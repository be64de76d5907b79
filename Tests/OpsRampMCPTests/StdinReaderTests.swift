import Foundation
import Testing

@testable import OpsRampMCP

#if canImport(Glibc)
import Glibc
#endif

@Suite("stdin line reader")
struct StdinReaderTests {
    /// Runs the read loop over `input` written to a pipe.
    func lines(_ input: [UInt8], limit: Int = 100) -> [InputLine] {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        let writeEnd = fds[1]
        let writer = Thread {
            input.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = write(writeEnd, base + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writeEnd)
        }
        writer.start()
        var result: [InputLine] = []
        StdinReader.readLoop(fileDescriptor: fds[0], maximumLineBytes: limit) { result.append($0) }
        close(fds[0])
        return result
    }

    func texts(_ lines: [InputLine]) -> [String] {
        lines.map {
            switch $0 {
            case .message(let bytes): String(decoding: bytes, as: UTF8.self)
            case .oversized(let count): "<oversized \(count)>"
            }
        }
    }

    @Test("splits on newlines, strips CR, keeps a last line without newline")
    func splitting() {
        #expect(texts(lines(Array("a\r\nb\n\nc".utf8))) == ["a", "b", "", "c"])
    }

    @Test("a line over the limit is reported by length and the next line still arrives")
    func oversized() {
        let long = String(repeating: "x", count: 250_000)
        #expect(texts(lines(Array("\(long)\nok\n".utf8), limit: 1000)) == ["<oversized 250000>", "ok"])
    }
}
