// Start-up and idle-memory floor: the smallest Swift program that links Foundation and
// FoundationNetworking (as the server does) and answers each line of stdin on stdout until it ends.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// Touch FoundationNetworking once, so that a statically linked build keeps it too.
_ = URLRequest(url: URL(fileURLWithPath: "/"))
while let line = readLine() {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
