/// The HTML report's inline style sheet: NHS identity colours, readable tables, print-friendly.
enum HTMLStyle {
    static let css = """
    :root { --blue: #005eb8; --dark-blue: #003087; --text: #212b32; --muted: #4c6272; --rule: #d8dde0;
            --pale: #f0f4f5; --red: #d5281b; --amber: #ffb81c; --green: #007f3b; --grey: #4c6272; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; font: 16px/1.5 Arial, "Helvetica Neue", Helvetica, sans-serif; color: var(--text); background: var(--pale); }
    a { color: var(--blue); }
    a:focus { outline: 3px solid var(--amber); background: var(--amber); color: var(--text); }
    .wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
    .masthead { background: var(--blue); color: #fff; padding: 20px 0 24px; }
    .masthead .eyebrow { margin: 0; font-size: 14px; letter-spacing: .02em; opacity: .9; }
    .masthead h1 { margin: 4px 0 6px; font-size: 32px; line-height: 1.2; }
    .masthead .meta { margin: 0; font-size: 14px; opacity: .9; }
    main { padding: 24px 0 40px; }
    h2 { font-size: 24px; margin: 0 0 12px; line-height: 1.25; }
    h3 { font-size: 17px; margin: 22px 0 8px; color: var(--dark-blue); }
    .card { background: #fff; border: 1px solid var(--rule); border-radius: 4px; padding: 20px 24px; margin: 0 0 24px; }
    .tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 20px; padding: 0; list-style: none; }
    .tile { flex: 1 1 130px; border: 1px solid var(--rule); border-left: 6px solid var(--blue); border-radius: 4px; padding: 10px 14px; background: #fff; }
    .tile .n { display: block; font-size: 28px; font-weight: bold; line-height: 1.1; }
    .tile .label { font-size: 14px; color: var(--muted); }
    .tile.red { border-left-color: var(--red); } .tile.amber { border-left-color: var(--amber); }
    .tile.green { border-left-color: var(--green); } .tile.grey { border-left-color: var(--grey); }
    table { width: 100%; border-collapse: collapse; font-size: 15px; }
    caption { text-align: left; font-weight: bold; padding: 0 0 8px; }
    th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--rule); }
    thead th { border-bottom: 2px solid var(--text); font-size: 14px; white-space: nowrap; }
    tbody tr:nth-child(even) { background: #fafbfb; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .file { font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
    .badge { display: inline-block; min-width: 78px; padding: 2px 10px; border-radius: 12px; font-size: 13px; font-weight: bold;
             text-transform: uppercase; letter-spacing: .04em; text-align: center; border: 2px solid transparent; white-space: nowrap; }
    .badge.red { background: var(--red); color: #fff; } .badge.amber { background: var(--amber); color: var(--text); }
    .badge.green { background: var(--green); color: #fff; } .badge.grey { background: #fff; color: var(--grey); border-color: var(--grey); }
    h2 .badge { vertical-align: middle; margin-left: 10px; font-size: 13px; }
    .sev { display: inline-block; padding: 1px 8px; border-radius: 3px; font-size: 13px; font-weight: bold; white-space: nowrap; }
    .sev.error { background: #f7e1df; color: #a51e12; } .sev.warning { background: #fff4d6; color: #6b4d00; }
    .sev.info { background: #e3eef8; color: var(--dark-blue); }
    .plan-meta { margin: -4px 0 8px; color: var(--muted); font-size: 15px; }
    .rule { font-size: 13px; color: var(--muted); margin-top: 2px; }
    code { font: 13px/1.4 Consolas, "Liberation Mono", Menlo, monospace; background: var(--pale); padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
    .findings td:nth-child(1) { width: 92px; } .findings td:nth-child(3) { width: 24%; } .findings td:nth-child(4) { width: 90px; white-space: nowrap; }
    .findings td:nth-child(5) { width: 22%; font-size: 14px; color: var(--muted); }
    .ok { color: var(--green); font-weight: bold; } .problem { color: var(--red); font-weight: bold; }
    .top { font-size: 14px; margin: 14px 0 0; }
    footer { color: var(--muted); font-size: 13px; padding: 0 0 32px; }
    @media print { body { background: #fff; } .masthead { color: #000; background: #fff; border-bottom: 3px solid var(--blue); }
                   .card { border: 0; padding: 0; break-inside: auto; } .plan { break-before: page; } .top { display: none; }
                   .badge, .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
    """
}
