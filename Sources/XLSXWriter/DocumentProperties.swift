import Foundation

/// The workbook's document properties (File > Info in Excel).
public struct DocumentProperties: Sendable {
    /// Title.
    public var title: String?
    /// Subject.
    public var subject: String?
    /// Author.
    public var author: String?
    /// Manager.
    public var manager: String?
    /// Company.
    public var company: String?
    /// Category.
    public var category: String?
    /// Keywords.
    public var keywords: String?
    /// Comments.
    public var comments: String?
    /// Creation time; a fixed date makes the output byte-identical run to run. nil = now.
    public var created: Date?

    /// Creates properties; all are optional.
    public init(title: String? = nil, subject: String? = nil, author: String? = nil, manager: String? = nil,
                company: String? = nil, category: String? = nil, keywords: String? = nil,
                comments: String? = nil, created: Date? = nil) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.created = created
    }
}
