/// Python that writes the positive-test workbooks with the real writers (XlsxWriter, openpyxl)
/// and dumps what openpyxl reads from any workbook as JSON, the oracle the tests compare with.
///
///     python3 make_fixtures.py make DIR          # xw.xlsx, xw1904.xlsx, op.xlsx in DIR
///     python3 make_fixtures.py dump A.xlsx ...   # A.xlsx.json beside each
enum Fixtures {
    static let script = #"""
import datetime, json, sys, os

def make(out):
    import xlsxwriter, openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.packaging.custom import StringProperty, IntProperty, FloatProperty, BoolProperty
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    # --- XlsxWriter: shared strings, rich text, formats, formulas with cached values -------------
    for name, opts in (('xw.xlsx', {}), ('xw1904.xlsx', {'date_1904': True})):
        wb = xlsxwriter.Workbook(os.path.join(out, name), opts)
        wb.set_properties({'title': 'Plan T', 'author': 'Ann Author', 'subject': 'Resilience', 'keywords': 'flood, heat'})
        wb.set_custom_property('TemplateVersion', '1.2')
        wb.set_custom_property('Revision', 7)
        wb.set_custom_property('Ratio', 3.5)
        wb.set_custom_property('Checked', True)
        ws = wb.add_worksheet('NE Planning')
        bold = wb.add_format({'bold': True}); red = wb.add_format({'font_color': 'red'})
        fmts = {
            'dmy': wb.add_format({'num_format': 'dd/mm/yyyy'}),
            'b14': wb.add_format({'num_format': 14}),
            'b22': wb.add_format({'num_format': 22}),
            'mmmyy': wb.add_format({'num_format': 'mmm yyyy'}),
            'day': wb.add_format({'num_format': '"Day "d'}),
            'iso': wb.add_format({'num_format': 'yyyy-mm-dd hh:mm'}),
            'time': wb.add_format({'num_format': 'h:mm'}),
            'elapsed': wb.add_format({'num_format': '[h]:mm:ss'}),
            'metres': wb.add_format({'num_format': '0.00" m"'}),
            'red': wb.add_format({'num_format': '[Red]0.00;-0.00'}),
            'money': wb.add_format({'num_format': '£#,##0.00'}),
        }
        ws.write('A1', 'Title')
        ws.write_rich_string('A2', 'plain ', bold, 'bold', ' and ', red, 'red')
        ws.write('A3', '  leading and trailing  ')
        ws.write('A4', 'line1\nline2\r\nline3')
        ws.write('A5', 'literal _x0041_ and _x005F_ and under_score')
        ws.write('A6', 'emoji \U0001F600, ü, 中文, <xml> & "quotes"')
        ws.write('A7', 'x' * 32767)
        ws.write('A8', '')
        for i, v in enumerate([0, -1.5, 1e-10, 123456789012345, 0.1 + 0.2, 1e300, -0.0, 42]):
            ws.write_number(i, 1, v)
        ws.write_boolean('C1', True); ws.write_boolean('C2', False)
        d = datetime.datetime(2024, 3, 1, 14, 30)
        for i, key in enumerate(['dmy', 'b14', 'b22', 'mmmyy', 'day', 'iso']):
            ws.write_datetime(i, 3, d + datetime.timedelta(days=400 * i), fmts[key])
        if not opts:  # before 1904 there is no serial in the 1904 system
            ws.write_datetime('D7', datetime.datetime(1900, 2, 28), fmts['dmy'])
            ws.write_datetime('D8', datetime.datetime(1900, 3, 1), fmts['dmy'])
        ws.write_number('E1', 0.75, fmts['time'])
        ws.write_number('E2', 1.5, fmts['elapsed'])
        ws.write_number('E3', 12.5, fmts['metres'])
        ws.write_number('E4', -3, fmts['red'])
        ws.write_number('E5', 1234.5, fmts['money'])
        ws.write_formula('F1', '=SUM(B1:B3)', None, -1.5)
        ws.write_formula('F2', '=A1&"x"', None, 'Titlex')
        ws.write_formula('F3', '=1/0', None, '#DIV/0!')
        ws.write_formula('F4', '=C1', None, True)
        ws.write_formula('F5', '=NA()', None, '#N/A')
        ws.write_formula('F6', "='Bob''s Plan'!A1", None, 'bob')
        ws.write_array_formula('G1:G3', '{=B1:B3*2}', None, 0)
        ws.merge_range('H1:J2', 'Merged', bold)
        ws.merge_range('H4:H6', '', bold)
        ws.write_blank('K9', None, bold)
        hidden = wb.add_worksheet('Hidden one'); hidden.hide(); hidden.write('A1', 'x')
        bob = wb.add_worksheet("Bob's Plan"); bob.write('A1', 'bob'); bob.write('B2', 2)
        wb.define_name('Total', "='NE Planning'!$B$1:$B$4")
        wb.define_name("'NE Planning'!Local", "='NE Planning'!$A$1")
        wb.define_name('BobArea', "='Bob''s Plan'!$A$1:$B$2")
        wb.define_name('Whole', "='NE Planning'!$A:$B")
        wb.define_name('Rate', '=0.05')
        wb.define_name('Two', "='NE Planning'!$A$1,'NE Planning'!$C$3")
        ws.print_area('A1:F8')
        wb.close()

    # --- openpyxl: inline rich text, formulas without cached values, 1904 epoch ---------------
    wb = openpyxl.Workbook()
    ws = wb.active; ws.title = 'Data'
    ws['A1'] = 'hello'; ws['B1'] = 1.5; ws['C1'] = datetime.date(2023, 12, 25); ws['D1'] = True
    ws['E1'] = '=B1*2'
    ws['F1'] = datetime.datetime(2024, 2, 29, 13, 45)
    ws['G1'] = '#N/A'
    ws['A2'] = CellRichText(['plain ', TextBlock(InlineFont(b=True), 'bold'), ' end'])
    ws['B2'] = -7
    ws.merge_cells('A3:C4')
    ws['A3'] = 'merged top-left'
    wb.defined_names['Total'] = DefinedName('Total', attr_text='Data!$B$1:$B$2')
    ws.defined_names['Local'] = DefinedName('Local', attr_text='Data!$A$1')
    wb.custom_doc_props.append(StringProperty(name='TemplateVersion', value='2.0'))
    wb.custom_doc_props.append(IntProperty(name='Count', value=12))
    wb.custom_doc_props.append(FloatProperty(name='Share', value=0.25))
    wb.custom_doc_props.append(BoolProperty(name='Final', value=False))
    wb.properties.title = 'OP title'; wb.properties.creator = 'Op Creator'
    ws2 = wb.create_sheet('Second'); ws2.sheet_state = 'hidden'; ws2['C3'] = 3
    wb.save(os.path.join(out, 'op.xlsx'))

    wb = openpyxl.Workbook()
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb.epoch = CALENDAR_MAC_1904
    wb.active['A1'] = datetime.date(2020, 5, 17)
    wb.active['A2'] = datetime.datetime(1904, 1, 1)
    wb.save(os.path.join(out, 'op1904.xlsx'))

def dump(path):
    import openpyxl
    from openpyxl.worksheet.formula import ArrayFormula
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    vals = openpyxl.load_workbook(path, data_only=True)
    forms = openpyxl.load_workbook(path)
    res = {'sheets': [], 'names': [], 'date1904': vals.epoch == CALENDAR_MAC_1904}
    for ws in vals.worksheets:
        fws = forms[ws.title]
        cells = []
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                f = fws.cell(row=c.row, column=c.column).value
                formula = None
                if isinstance(f, ArrayFormula):
                    formula = f.text[1:] if f.text.startswith('=') else f.text
                elif isinstance(f, str) and fws.cell(row=c.row, column=c.column).data_type == 'f':
                    formula = f[1:]
                if v is None and formula is None:
                    continue
                if v is None: t, val = 'none', None
                elif isinstance(v, bool): t, val = 'b', v
                elif isinstance(v, (int, float)): t, val = 'n', float(v)
                elif isinstance(v, datetime.datetime): t, val = 'd', [v.year, v.month, v.day]
                elif isinstance(v, datetime.date): t, val = 'd', [v.year, v.month, v.day]
                elif isinstance(v, (datetime.time, datetime.timedelta)): t, val = 't', None
                elif c.data_type == 'e': t, val = 'e', v
                else: t, val = 's', str(v)
                cells.append([c.row - 1, c.column - 1, t, val, formula])
        res['sheets'].append({'name': ws.title, 'state': ws.sheet_state, 'cells': cells,
                              'merged': sorted(str(r) for r in ws.merged_cells.ranges)})
    for n in vals.defined_names.values():
        res['names'].append([n.name, None, n.attr_text])
    for ws in vals.worksheets:
        for n in ws.defined_names.values():
            res['names'].append([n.name, ws.title, n.attr_text])
    with open(path + '.json', 'w') as fh:
        json.dump(res, fh)

if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2])
    else:
        for p in sys.argv[2:]:
            dump(p)
"""#
}
