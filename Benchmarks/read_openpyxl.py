#!/usr/bin/env python3
"""Time openpyxl.load_workbook on a workbook, as the baseline for planlint's XLSXReader.

    python3 Benchmarks/read_openpyxl.py --make /tmp/template.xlsx   # write the benchmark workbook
    python3 Benchmarks/read_openpyxl.py /tmp/template.xlsx [-n 100]   # ms per file, median of N

The benchmark workbook imitates our area-team template: 8 sheets of 60 rows x 10 columns with
labels, numbers, dates, formulas with cached values, merged headings and defined names
(workbook-wide and sheet-scoped), written with XlsxWriter.
"""
import argparse
import datetime
import statistics
import time


def make_workbook(path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": "Resilience plan", "author": "Benchmark"})
    wb.set_custom_property("TemplateVersion", "3.1")
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    money = wb.add_format({"num_format": "£#,##0.00"})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    wrap = wb.add_format({"text_wrap": True})
    for s in range(8):
        name = f"Section {s + 1}" if s else "NE Planning"
        ws = wb.add_worksheet(name)
        ws.merge_range(0, 0, 0, 9, f"{name}: plan details", head)
        for c in range(10):
            ws.write(1, c, f"Column {c + 1}", head)
        for r in range(2, 60):
            ws.write(r, 0, f"Item {r - 1} of {name}", wrap)
            ws.write(r, 1, f"Owner {r % 7}")
            ws.write_number(r, 2, r * 1.5)
            ws.write_number(r, 3, r * 100 + s, money)
            ws.write_datetime(r, 4, datetime.datetime(2024, 1, 1) + datetime.timedelta(days=r), date)
            ws.write_formula(r, 5, f"=C{r + 1}*D{r + 1}", money, r * 1.5 * (r * 100 + s))
            ws.write_boolean(r, 6, r % 2 == 0)
            ws.write(r, 7, "Yes" if r % 3 else "No")
            ws.write_formula(r, 8, f'=IF(G{r + 1},"even","odd")', None, "even" if r % 2 == 0 else "odd")
            ws.write(r, 9, f"Notes for row {r}: continuity arrangements reviewed")
            if r % 15 == 0:
                ws.merge_range(r, 10, r + 1, 11, "Checkpoint")
        wb.define_name(f"Section{s + 1}_Items", f"='{name}'!$A$3:$J$60")
        wb.define_name(f"'{name}'!Local_Total", f"='{name}'!$F$60")
    wb.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("-n", type=int, default=50, help="iterations (default 50)")
    ap.add_argument("--make", action="store_true", help="write the benchmark workbook to PATH and stop")
    args = ap.parse_args()
    if args.make:
        make_workbook(args.path)
        return
    import openpyxl

    openpyxl.load_workbook(args.path)  # warm up imports and caches
    times = []
    for _ in range(args.n):
        t0 = time.perf_counter()
        openpyxl.load_workbook(args.path)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"openpyxl {openpyxl.__version__} load_workbook: median {statistics.median(times):.2f} ms/file, "
          f"min {times[0]:.2f}, p90 {times[int(len(times) * 0.9)]:.2f} ({args.n} iterations)")


if __name__ == "__main__":
    main()
