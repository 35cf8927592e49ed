// WorkbookTemplates: being written (see Package.swift).
