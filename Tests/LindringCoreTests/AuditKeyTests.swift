import Foundation
import Testing

@testable import LindringCore

@Suite struct AuditKeyTests {
    @Test func theKeyFileReadsBackTheSameKey() throws {
        // given
        let key = AuditKey.generate()
        // when
        let read = try AuditKey(fileContents: key.fileContents)
        // then
        #expect(read == key)
        #expect(read.seal(sequence: 7, hash: "abc") == key.seal(sequence: 7, hash: "abc"))
        #expect(AuditKey.generate().seal(sequence: 7, hash: "abc") != key.seal(sequence: 7, hash: "abc"))
    }

    @Test(arguments: [
        "", "lindring-audit-key-v1\n", "lindring-audit-key-v1\nnot base64!\n", "lindring-audit-key-v1\nAAAA\n",
        "other\n" + Data(count: 32).base64EncodedString(),
    ])
    func aFileThatIsNotAKeyIsRefused(contents: String) {
        #expect(throws: AuditKey.Invalid.self) { try AuditKey(fileContents: contents) }
    }

    @Test func anEntrysSealIsNotTheHeadsSeal() {
        let key = AuditKey.generate()
        #expect(key.seal(sequence: 3, hash: "h") != key.headSeal(sequence: 3, hash: "h"))
        #expect(key.isValidSeal(key.seal(sequence: 3, hash: "h"), sequence: 3, hash: "h"))
        #expect(!key.isValidSeal(key.seal(sequence: 3, hash: "h"), sequence: 4, hash: "h"))
        #expect(!key.isValidHeadSeal(key.seal(sequence: 3, hash: "h"), sequence: 3, hash: "h"))
        #expect(!key.isValidSeal(nil, sequence: 3, hash: "h"))
    }

    @Test func aCheckpointLineIsCheckedAgainstItsSignature() throws {
        // given
        let key = AuditKey.generate()
        let checkpoint = AuditCheckpoint(sequence: 42, hash: String(repeating: "a", count: 64), at: Date(timeIntervalSince1970: 1_800_000_000.123))
        let line = checkpoint.line(signedWith: key)
        // then
        #expect(try AuditCheckpoint(line: line, key: key) == checkpoint)
        #expect(throws: AuditCheckpoint.Invalid.self) { try AuditCheckpoint(line: line.replacingOccurrences(of: " 42 ", with: " 43 "), key: key) }
        #expect(throws: AuditCheckpoint.Invalid.self) { try AuditCheckpoint(line: line, key: AuditKey.generate()) }
        #expect(throws: AuditCheckpoint.Invalid.self) { try AuditCheckpoint(line: "garbage", key: key) }
    }
}
