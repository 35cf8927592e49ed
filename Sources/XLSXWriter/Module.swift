// XLSXWriter: being written (see Package.swift).
