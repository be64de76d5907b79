/// A gzip stream that inflates to far more than it weighs, built by hand (no zlib in the tests):
/// one fixed-Huffman deflate block holding a space and then back-references of 258 bytes at
/// distance 1, 13 bits each, so about 160 inflated bytes per byte sent.
///
/// The trailer's CRC is left at zero: computing it would mean producing every inflated byte,
/// and a client under test must give up long before it reaches the trailer.
enum GzipBomb {
    static func make(inflatedBytes: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1) // BFINAL
        bits.write(1, count: 2) // BTYPE 01: fixed Huffman codes
        bits.writeCode(0x30 + 0x20, count: 8) // the literal " "
        for _ in 0..<max(0, (inflatedBytes - 1) / 258) {
            bits.writeCode(0xC0 + (285 - 280), count: 8) // length 258
            bits.writeCode(0, count: 5) // distance 1
        }
        bits.writeCode(0, count: 7) // end of block (code 256)
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        let size = UInt32(truncatingIfNeeded: inflatedBytes)
        let trailer: [UInt8] = [0, 0, 0, 0] + (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
        return header + bits.bytes + trailer
    }

    /// Deflate's bit order: values least-significant bit first, Huffman codes most-significant bit first.
    private struct BitWriter {
        var bytes: [UInt8] = []
        private var used = 8

        mutating func put(_ bit: UInt32) {
            if used == 8 {
                bytes.append(0)
                used = 0
            }
            bytes[bytes.count - 1] |= UInt8(bit & 1) << used
            used += 1
        }

        mutating func write(_ value: UInt32, count: Int) {
            for index in 0..<count { put(value >> index) }
        }

        mutating func writeCode(_ code: UInt32, count: Int) {
            for index in (0..<count).reversed() { put(code >> index) }
        }
    }
}
