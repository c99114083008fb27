import Crypto
import Foundation
import Hummingbird
import LindringCore

/// The stylesheet, script and images, shipped as resources of this target and held in
/// memory, so the binary serves them from any working directory.
struct Assets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    let byName: [String: Asset]

    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "txt": "text/plain; charset=utf-8",
        "webmanifest": "application/manifest+json",
    ]

    static func load() throws -> Assets {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw AssetsMissing()
        }
        var byName: [String: Asset] = [:]
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) {
            guard let type = contentTypes[file.pathExtension] else { continue }
            let data = try Data(contentsOf: file)
            let digest = Hex.encode(SHA256.hash(data: data).prefix(8))
            byName[file.lastPathComponent] = Asset(body: ByteBuffer(bytes: data), contentType: type, etag: "\"\(digest)\"")
        }
        return Assets(byName: byName)
    }

    struct AssetsMissing: Error, CustomStringConvertible {
        var description: String { "the Assets folder is missing from the LindringWeb bundle" }
    }
}
