/// Limits that bound the work and memory spent reading one workbook; every one is enforced.
///
/// The defaults leave room for any workbook a planning team fills by hand while stopping
/// zip bombs, entity bombs and runaway sheets in well under a second.
public struct XLSXReadLimits: Sendable {
    /// Largest input file, in bytes (default 100 MiB).
    public var maxFileBytes = 100 << 20
    /// Most entries in the zip's central directory (default 10,000).
    public var maxEntries = 10_000
    /// Largest part once inflated, in bytes, counted while inflating; declared sizes are not trusted (default 64 MiB).
    public var maxPartBytes = 64 << 20
    /// Largest total of inflated bytes over every part read (default 256 MiB).
    public var maxTotalBytes = 256 << 20
    /// Highest inflated-to-compressed ratio of one part, checked once it passes 1 MiB inflated (default 200).
    public var maxCompressionRatio = 200.0
    /// Most cells with content or a non-default style, over all sheets (default 2,000,000).
    public var maxCells = 2_000_000
    /// Most entries in the shared-string table (default 1,000,000).
    public var maxSharedStrings = 1_000_000
    /// Longest text of one string, in UTF-16 code units as Excel counts characters (default 32,767, Excel's own cell limit).
    public var maxStringLength = 32_767
    /// Most sheets in the workbook (default 1,000).
    public var maxSheets = 1_000

    /// Limits with the documented defaults.
    public init() {}
}
