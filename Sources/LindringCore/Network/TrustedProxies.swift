import Foundation

/// An IPv4 or IPv6 address as its bytes (4 or 16). An IPv4-mapped IPv6 address
/// (`::ffff:10.0.0.1`) is the IPv4 address it maps, so one client has one key.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses `10.0.0.1`, `2001:db8::1`, `::ffff:10.0.0.1`, a zone (`fe80::1%eth0`, ignored),
    /// and the forms proxies write with a port: `10.0.0.1:5000`, `[2001:db8::1]:5000`.
    public init?(_ text: some StringProtocol) {
        var text = Substring(text).trimmingSpaces
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber) && rest.count > 1) else { return nil }
            text = text[text.index(after: text.startIndex)..<close]
            guard text.contains(":") else { return nil }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isNumber) else { return nil }
            text = text[..<colon]
        }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        if let v4 = Self.parseIPv4(text) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(text) {
            bytes = v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xff && v6[11] == 0xff ? Array(v6[12...]) : v6
        } else {
            return nil
        }
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, allowIPv4Tail, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    bytes += v4
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xff)]
                }
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowIPv4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// The canonical text: dotted quad, or RFC 5952 (lower case, the longest run of zero groups as `::`).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best: (start: Int, length: Int) = (-1, 0)
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8, groups[end] == 0 { end += 1 }
                if end - index > best.length { best = (index, end - index) }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }
}

/// A CIDR range such as `10.0.0.0/8` or `2001:db8::/32`; a bare address is a range of one.
public struct IPAddressRange: Hashable, Sendable, CustomStringConvertible {
    public let network: IPAddress
    public let prefixLength: Int

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].contains("["), let address = IPAddress(parts[0]),
            !(parts[0].filter { $0 == ":" }.count == 1)
        else { return nil }
        let bits = address.bytes.count * 8
        var length = bits
        if parts.count == 2 {
            // An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) is the IPv4 range it maps.
            let mapped = address.isIPv4 && parts[0].contains(":")
            guard (1...3).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                var given = Int(parts[1])
            else { return nil }
            if mapped {
                guard given >= 96 else { return nil }
                given -= 96
            }
            guard given <= bits else { return nil }
            length = given
        }
        network = IPAddress.masked(address, to: length)
        prefixLength = length
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == network.bytes.count && IPAddress.masked(address, to: prefixLength) == network
    }

    public var description: String { "\(network)/\(prefixLength)" }
}

extension IPAddress {
    init(uncheckedBytes: [UInt8]) { bytes = uncheckedBytes }

    static func masked(_ address: IPAddress, to length: Int) -> IPAddress {
        IPAddress(
            uncheckedBytes: address.bytes.enumerated().map { index, byte in
                let keep = max(0, min(8, length - index * 8))
                return keep == 8 ? byte : byte & ~(0xff >> keep)
            })
    }
}

/// The proxies (load balancers) whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`).
/// The client is the rightmost address in the chain (the header's entries, then the peer
/// that connected) that is not itself a trusted proxy. Anyone can write the header, so it is
/// ignored unless the peer is a trusted proxy, and entries left of the first untrusted one
/// are never read. An entry that is not an address ends the walk at the proxy that passed it
/// on: otherwise a client could choose a new "address" for every request.
public struct TrustedProxies: Sendable, Equatable {
    public let ranges: [IPAddressRange]

    public init(_ ranges: [IPAddressRange] = []) {
        self.ranges = ranges
    }

    /// Parses a comma-separated list of CIDR ranges and addresses; throws naming the first bad entry.
    public init(parsing list: String) throws(InvalidEntry) {
        var ranges: [IPAddressRange] = []
        for entry in list.split(separator: ",").map(\.trimmingSpaces) where !entry.isEmpty {
            guard let range = IPAddressRange(entry) else { throw InvalidEntry(entry: String(entry)) }
            ranges.append(range)
        }
        self.ranges = ranges
    }

    public struct InvalidEntry: Error, Equatable, CustomStringConvertible {
        public let entry: String
        public var description: String { "'\(entry)' is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)" }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func isTrusted(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The client's address for a connection from `peer` carrying these `X-Forwarded-For`
    /// field values (each a comma-separated list, oldest hop first).
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, let peerAddress = IPAddress(peer) else { return peer }
        guard isTrusted(peerAddress) else { return peerAddress.description }
        let entries = forwardedFor.flatMap { $0.split(separator: ",") }
        var client = peerAddress
        for entry in entries.reversed() {
            guard let address = IPAddress(entry) else { return client.description }
            client = address
            if !isTrusted(address) { break }
        }
        return client.description
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
