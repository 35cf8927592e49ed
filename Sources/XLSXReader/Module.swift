// XLSXReader: being written (see Package.swift).
