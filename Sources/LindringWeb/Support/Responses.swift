import Foundation
import Hummingbird
import LindringCore
import Plot

extension Response {
    static func html(_ document: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: document.render())))
    }

    /// 303 See Other: after a form is handled, the browser fetches the next page with GET.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: try JSONCoding.encoder.encode(value))))
    }
}

enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.iso8601(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// Times are stored in UTC and shown in Europe/Copenhagen.
enum Timestamps {
    static func iso8601(_ date: Date) -> String { ISO8601Instant.format(date) }

    static func parseISO8601(_ text: String) -> Date? { ISO8601Instant.parse(text) }

    /// A date typed in a form (`YYYY-MM-DD`), as the start of that day in Copenhagen.
    static func parseLocalDate(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1900...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let calendar = DanishCalendar.calendar
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == parts[2]
        else { return nil }
        return date
    }

    /// `23.11.2026 14:05`, without seconds.
    static func displayMinutes(_ date: Date) -> String {
        String(display(date).dropLast(3))
    }

    /// `23.11.2026 14:05:09` in Copenhagen time.
    static func display(_ date: Date) -> String {
        let c = DanishCalendar.components(of: date)
        return
            "\(c.day.zeroPadded(2)).\(c.month.zeroPadded(2)).\(c.year.zeroPadded(4)) \(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2)):\(c.second.zeroPadded(2))"
    }
}
