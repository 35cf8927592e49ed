import Foundation
import XCTest
import PlanModel
import Reports

final class HTMLReporterTests: XCTestCase {
    /// Python's html.parser: the page's tags, links, headings, summary rows and every finding row, as JSON.
    static let structure = """
    import json, sys
    from html.parser import HTMLParser

    class Page(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.tags, self.refs, self.text = [], {}, [], []
            self.h1, self.h2, self.h3, self.rows, self.row, self.cell, self.table = [], [], [], [], None, None, None
            self.section = None
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            self.tags[tag] = self.tags.get(tag, 0) + 1
            for k in ("src", "href", "action", "data"):
                if k in a: self.refs.append(a[k])
            if tag == "section": self.section = a.get("id")
            if tag == "table": self.table = (a.get("class"), self.section)
            if tag == "tr": self.row = []
            if tag in ("td", "th"): self.cell = []
            if tag in ("div", "p", "br") and self.cell is not None: self.cell.append(" ")
            if tag in ("h1", "h2", "h3"): self.text = []
            self.stack.append(tag)
        def handle_endtag(self, tag):
            while self.stack and self.stack.pop() != tag: pass
            if tag in ("td", "th") and self.row is not None and self.cell is not None:
                self.row.append(" ".join("".join(self.cell).split())); self.cell = None
            if tag == "tr" and self.row is not None:
                self.rows.append({"table": self.table[0], "section": self.table[1], "cells": self.row}); self.row = None
            if tag in ("h1", "h2", "h3"):
                getattr(self, tag).append({"section": self.section or "", "text": " ".join("".join(self.text).split())})
        def handle_data(self, data):
            if self.cell is not None: self.cell.append(data)
            self.text.append(data)

    p = Page()
    p.feed(open(sys.argv[1], encoding="utf-8").read())
    p.close()
    print(json.dumps({"tags": p.tags, "refs": p.refs, "h1": p.h1, "h2": p.h2, "h3": p.h3, "rows": p.rows}))
    """

    func testStructureAsAnHTMLParserSeesIt() throws {
        let dir = try Consumer.folder(self)
        let path = try Consumer.write(HTMLReporter().render(Sample.full), named: "report.html", in: dir)
        let page = try Consumer.json(try Consumer.python(Self.structure, [path]))
        let tags = try XCTUnwrap(page["tags"] as? [String: Int])
        XCTAssertEqual(tags["style"], 1, "the style sheet is inline")
        for tag in ["script", "link", "img", "iframe", "object"] { XCTAssertNil(tags[tag], "no <\(tag)>: nothing runs or is fetched") }
        let refs = try XCTUnwrap(page["refs"] as? [String])
        XCTAssertTrue(refs.allSatisfy { $0.hasPrefix("#") }, "only links within the page: \(refs)")
        XCTAssertEqual((page["h1"] as? [[String: String]])?.map { $0["text"] }, ["Plan assurance report"])

        let rows = try XCTUnwrap(page["rows"] as? [[String: Any]])
        let summary = rows.filter { $0["table"] as? String == "summary" }.compactMap { $0["cells"] as? [String] }
        XCTAssertEqual(summary, [
            ["SRG", "Cohort", "Status", "Errors", "Warnings", "Info"],
            ["Sunnytown SRG drafts/sunnytown.yaml", "all-others", "✕ Red", "1", "1", "1"],
            ["Amberley SRG amber.yaml", "—", "! Amber", "0", "1", "0"],
            ["complete/northmoor.yaml", "—", "✓ Green", "0", "0", "0"],
            ["Kestrel Vale SRG — “draft” subs/Kestrel & Vale <draft>.xlsx", "high-risk", "✕ Red", "2", "0", "0"],
            ["broken/empty.yaml", "—", "? Not read", "—", "—", "—"],
        ])
        let h2 = try XCTUnwrap(page["h2"] as? [[String: String]])
        XCTAssertEqual(h2.map { $0["text"] ?? "" }, ["Summary", "Sunnytown SRG ✕ Red", "Amberley SRG ! Amber", "complete/northmoor.yaml ✓ Green",
                                                    "Kestrel Vale SRG — “draft” ✕ Red", "broken/empty.yaml ? Not read"])
        XCTAssertEqual(h2.map { $0["section"] ?? "" }, ["summary", "plan-1", "plan-2", "plan-3", "plan-4", "plan-5"])
        let h3 = try XCTUnwrap(page["h3"] as? [[String: String]])
        XCTAssertEqual(h3.filter { $0["section"] == "plan-1" }.map { $0["text"] ?? "" },
                       ["SRG details, membership and chair", "Non-elective template — Section 2: minimum requirements"])
        XCTAssertEqual(h3.filter { $0["section"] == "plan-2" }.map { $0["text"] ?? "" }, ["SRG details, membership and chair"])

        let findings = rows.filter { $0["table"] as? String == "findings" && $0["section"] as? String == "plan-4" }
            .compactMap { $0["cells"] as? [String] }
        XCTAssertEqual(findings.count, 3, "a header and the two findings")
        XCTAssertEqual(findings[1], ["Error", "No plan for \"NE07\" <script>alert('x')</script> & co second line NE-MIN-PRESENT · missing-item",
                                     "non_elective.minimum[NE07]", "'Non-elective plan'!C14", "Annex A, non-elective template, Section 2; guidance p.8"])
    }

    func testTextIsEscaped() {
        let html = HTMLReporter().render(Sample.full)
        XCTAssertTrue(html.contains("No plan for &quot;NE07&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), "message escaped")
        XCTAssertTrue(html.contains("subs/Kestrel &amp; Vale &lt;draft&gt;.xlsx"), "file name escaped")
        XCTAssertFalse(html.contains("<script"), "no script element, and none injected")
    }

    func testChromiumRendersAPageThatIsNotBlank() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else { throw XCTSkip("needs Debian's chromium to render the page") }
        let dir = try Consumer.folder(self)
        let page = try Consumer.write(HTMLReporter().render(Sample.full), named: "report.html", in: dir)
        let png = dir.appendingPathComponent("report.png").path
        let run = try Consumer.program(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                  "--user-data-dir=" + dir.appendingPathComponent("profile").path,
                                                  "--screenshot=" + png, "--window-size=1280,2000", "file://" + page])
        XCTAssertTrue(FileManager.default.fileExists(atPath: png), "chromium wrote no screenshot:\n\(run.stderr)")
        let size = (try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 30_000, "a rendered report is not a near-empty image")
        // Decode the top of the PNG (zlib + PNG filters) and look at the pixels: the masthead is NHS blue and the
        // page has many colours, not one.
        let facts = try Consumer.json(try Consumer.python("""
        import json, struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        pos, idat, ihdr = 8, b"", None
        while pos < len(data):
            n, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b"IHDR": ihdr = struct.unpack(">IIBBBBB", body)
            if kind == b"IDAT": idat += body
            pos += 12 + n
        width, height, depth, ctype = ihdr[:4]
        bpp = {2: 3, 6: 4}[ctype]
        raw = zlib.decompress(idat)
        stride = width * bpp
        rows, prev = [], bytearray(stride)
        for y in range(min(height, 400)):
            f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 2: line[i] = (line[i] + b) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line); prev = line
        px = lambda x, y: list(rows[y][x * bpp:x * bpp + 3])
        colours = {bytes(rows[y][x * bpp:x * bpp + 3]) for y in range(0, len(rows), 3) for x in range(0, width, 3)}
        print(json.dumps({"width": width, "height": height, "masthead": px(width - 40, 30), "colours": len(colours)}))
        """, [png]))
        XCTAssertEqual(facts["width"] as? Int, 1280)
        XCTAssertEqual(facts["masthead"] as? [Int], [0, 94, 184], "the masthead is drawn in NHS blue")
        XCTAssertGreaterThan(facts["colours"] as? Int ?? 0, 50, "text, badges and tables, not a blank page")
    }
}
