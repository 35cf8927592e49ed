import Foundation
import ZIPFoundation
#if canImport(CZlib)
import CZlib   // zlib, as ZIPFoundation links it on Linux: its crc32 is far faster than ZIPFoundation's Swift one
#endif

/// The CRC-32 of `bytes` continued from `crc`.
func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    #if canImport(CZlib)
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    var value = UInt(crc)
    var offset = 0
    while offset < bytes.count {   // zlib takes 32-bit lengths
        let n = min(bytes.count - offset, 1 << 30)
        value = CZlib.crc32(value, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(n))
        offset += n
    }
    return UInt32(truncatingIfNeeded: value)
    #else
    return Data(bytes).crc32(checksum: crc)
    #endif
}

/// One file entry of the zip's central directory.
struct ZipEntry {
    /// The entry name as stored, with backslashes turned into slashes and no leading slash.
    let name: String
    let flags: UInt16
    let method: UInt16
    let crc: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
}

/// The zip container held in memory: the central directory read with bounds checks, and parts
/// inflated on demand under the size, ratio and total limits. Entry names are only ever used as
/// dictionary keys: nothing is written to or looked up on the filesystem.
///
/// ZIPFoundation's `Archive` is not used for reading: on Linux its inflate loop ignores the
/// entry's compressed size (it reads on into the next entry, and spins forever when the file
/// ends inside a deflate stream), its end-of-directory search walks the whole file byte by byte,
/// and it allocates a symlink entry's declared size. Here the central directory is parsed
/// directly and ZIPFoundation's `Data.decompress` (zlib) is fed exactly the entry's bytes.
final class ZipContainer {
    private let bytes: [UInt8]
    private let limits: XLSXReadLimits
    /// Entries keyed by lowercased name (part names are case-insensitive).
    private(set) var entries: [String: ZipEntry] = [:]
    /// Inflated bytes handed out so far, against `maxTotalBytes`.
    private(set) var totalBytesRead = 0

    init(bytes: [UInt8], limits: XLSXReadLimits) throws {
        self.bytes = bytes
        self.limits = limits
        try readCentralDirectory()
    }

    /// Whether the zip holds `name` (case-insensitive).
    func contains(_ name: String) -> Bool { entries[name.lowercased()] != nil }

    /// The stored name of the entry matching `name` case-insensitively.
    func storedName(_ name: String) -> String? { entries[name.lowercased()]?.name }

    // MARK: - Central directory

    private func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    private func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }

    private func containerError(_ message: String) -> XLSXReadError {
        XLSXReadError(part: nil, message: message)
    }

    private func readCentralDirectory() throws {
        let count = bytes.count
        // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
        var eocd = -1
        var at = count - 22
        let lowest = max(0, count - 22 - 0xFFFF)
        while at >= lowest {
            if bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == 0x05 && bytes[at + 3] == 0x06 {
                eocd = at
                break
            }
            at -= 1
        }
        guard eocd >= 0 else {
            throw containerError("not a readable .xlsx file: the zip archive is truncated or damaged (no end of central directory)")
        }
        let disk = u16(eocd + 4), cdDisk = u16(eocd + 6)
        var total = UInt64(u16(eocd + 10))
        var cdSize = UInt64(u32(eocd + 12))
        var cdOffset = UInt64(u32(eocd + 16))
        if disk != 0 || cdDisk != 0 {
            throw containerError("not a readable .xlsx file: it is part of a split (multi-volume) zip archive")
        }
        var cdLimit = eocd
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record.
            let locator = eocd - 20
            if locator >= 0 && u32(locator) == 0x0706_4B50 {
                let recordOffset = u64(locator + 8)
                guard locator >= 56, recordOffset <= UInt64(locator - 56) else {
                    throw containerError("not a readable .xlsx file: the zip64 directory record is out of place")
                }
                let r = Int(recordOffset)
                guard u32(r) == 0x0606_4B50 else {
                    throw containerError("not a readable .xlsx file: the zip64 directory record is damaged")
                }
                total = u64(r + 32)
                cdSize = u64(r + 40)
                cdOffset = u64(r + 48)
                cdLimit = r
            }
        }
        guard total <= UInt64(limits.maxEntries) else {
            throw containerError("the zip archive lists \(grouped(Int(clamping: total))) entries, more than the limit of \(grouped(limits.maxEntries))")
        }
        guard cdOffset <= UInt64(cdLimit), cdSize <= UInt64(cdLimit) - cdOffset else {
            throw containerError("not a readable .xlsx file: the zip central directory lies outside the file (truncated or damaged)")
        }
        var p = Int(cdOffset)
        let end = Int(cdOffset + cdSize)
        for _ in 0 ..< Int(total) {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
                throw containerError("not a readable .xlsx file: the zip central directory is truncated or damaged")
            }
            let flags = UInt16(u16(p + 8))
            let method = UInt16(u16(p + 10))
            let crc = UInt32(u32(p + 16))
            var compressed = UInt64(u32(p + 20))
            var uncompressed = UInt64(u32(p + 24))
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            var localOffset = UInt64(u32(p + 42))
            let nameStart = p + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= end else {
                throw containerError("not a readable .xlsx file: the zip central directory is truncated or damaged")
            }
            // Zip64 extended sizes, in the order the spec gives, only for fields saturated above.
            var e = extraStart
            while e + 4 <= extraStart + extraLength {
                let id = u16(e), size = u16(e + 2)
                let dataEnd = e + 4 + size
                guard dataEnd <= extraStart + extraLength else { break }
                if id == 0x0001 {
                    var f = e + 4
                    if uncompressed == 0xFFFF_FFFF, f + 8 <= dataEnd { uncompressed = u64(f); f += 8 }
                    if compressed == 0xFFFF_FFFF, f + 8 <= dataEnd { compressed = u64(f); f += 8 }
                    if localOffset == 0xFFFF_FFFF, f + 8 <= dataEnd { localOffset = u64(f); f += 8 }
                }
                e = dataEnd
            }
            var name = String(decoding: bytes[nameStart ..< extraStart], as: UTF8.self)
            if name.contains("\\") { name = name.replacingOccurrences(of: "\\", with: "/") }
            while name.hasPrefix("/") { name.removeFirst() }
            p = next
            if name.isEmpty || name.hasSuffix("/") { continue }   // folders
            let key = name.lowercased()
            if entries[key] != nil {
                throw containerError("not a readable .xlsx file: the zip archive holds two entries named \(name)")
            }
            entries[key] = ZipEntry(name: name, flags: flags, method: method, crc: crc,
                                    compressedSize: Int(clamping: compressed),
                                    uncompressedSize: Int(clamping: uncompressed),
                                    localHeaderOffset: Int(clamping: localOffset))
        }
    }

    // MARK: - Reading parts

    /// The inflated bytes of `name` (case-insensitive), or nil when the zip has no such entry.
    func read(_ name: String) throws -> [UInt8]? {
        guard let entry = entries[name.lowercased()] else { return nil }
        let part = entry.name
        func fail(_ message: String) -> XLSXReadError { XLSXReadError(part: part, message: message) }

        if entry.flags & 1 != 0 {
            throw fail("the zip entry is encrypted; save the workbook without a password")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw fail("the zip entry uses compression method \(entry.method); only stored and deflate are supported")
        }
        guard entry.uncompressedSize <= limits.maxPartBytes else {
            throw fail("declares \(byteSize(entry.uncompressedSize)) uncompressed, more than the \(byteSize(limits.maxPartBytes)) limit for one part")
        }
        guard entry.uncompressedSize <= limits.maxTotalBytes - totalBytesRead else {
            throw fail("reading it would take the workbook past \(byteSize(limits.maxTotalBytes)) uncompressed (limit)")
        }
        // Local header: its own name and extra lengths decide where the data starts.
        let h = entry.localHeaderOffset
        guard h <= bytes.count - 30, u32(h) == 0x0403_4B50 else {
            throw fail("the zip entry's local header is missing or damaged (truncated file?)")
        }
        let dataStart = h + 30 + u16(h + 26) + u16(h + 28)
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw fail("the zip entry runs past the end of the file (truncated file?)")
        }
        let dataEnd = dataStart + entry.compressedSize

        var output: [UInt8] = []
        let crc: UInt32
        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else {
                throw fail("the stored zip entry's sizes disagree (\(grouped(entry.compressedSize)) and \(grouped(entry.uncompressedSize)) bytes)")
            }
            output = Array(bytes[dataStart ..< dataEnd])
            crc = output.withUnsafeBytes { crc32(0, $0) }
        } else {
            crc = try inflate(entry: entry, from: dataStart, to: dataEnd, into: &output, fail: fail)
        }
        guard output.count == entry.uncompressedSize else {
            throw fail("inflates to \(grouped(output.count)) bytes but declares \(grouped(entry.uncompressedSize)): the zip archive is damaged")
        }
        guard crc == entry.crc else {
            throw fail("CRC mismatch: the zip archive is damaged (checksum \(hex(crc)), expected \(hex(entry.crc)))")
        }
        totalBytesRead += output.count
        return output
    }

    private struct Stop: Error { let error: XLSXReadError }

    private func inflate(entry: ZipEntry, from start: Int, to end: Int, into output: inout [UInt8],
                         fail: (String) -> XLSXReadError) throws -> UInt32 {
        let declared = entry.uncompressedSize
        let compressed = max(entry.compressedSize, 1)
        let chunk = min(64 << 10, max(4 << 10, declared + 64))
        output.reserveCapacity(declared)
        let partCap = limits.maxPartBytes
        let totalLeft = limits.maxTotalBytes - totalBytesRead
        let maxRatio = limits.maxCompressionRatio
        var produced = 0
        var crc: UInt32 = 0
        do {
            _ = try Data.decompress(
                size: Int64(end - start), bufferSize: chunk, skipCRC32: true,
                provider: { position, size in
                    // Serve exactly the entry's compressed bytes. zlib is told every chunk is
                    // `size` long, so a short last chunk is padded; asking past the end is an error.
                    let from = start + Int(position)
                    guard from < end else {
                        throw Stop(error: fail("the compressed data ends early: the zip archive is truncated or damaged"))
                    }
                    let to = min(end, from + size)
                    var data = Data(self.bytes[from ..< to])
                    if data.count < size { data.append(Data(count: size - data.count)) }
                    return data
                },
                consumer: { data in
                    produced += data.count
                    if produced > partCap {
                        throw Stop(error: fail("inflates to more than \(byteSize(partCap)), the limit for one part (zip bomb?)"))
                    }
                    if produced > declared {
                        throw Stop(error: fail("inflates to more than its declared \(byteSize(declared)): the zip archive is damaged or a zip bomb"))
                    }
                    if produced > totalLeft {
                        throw Stop(error: fail("reading it takes the workbook past \(byteSize(self.limits.maxTotalBytes)) uncompressed (limit)"))
                    }
                    if produced > 1 << 20 && Double(produced) / Double(compressed) > maxRatio {
                        throw Stop(error: fail("compresses more than \(Int(maxRatio)) to 1, the limit (zip bomb?)"))
                    }
                    data.withUnsafeBytes { crc = crc32(crc, $0) }
                    output.append(contentsOf: data)
                })
            return crc
        } catch let stop as Stop {
            throw stop.error
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw fail("the compressed data is corrupt: the zip archive is damaged")
        }
    }

    private func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
