/// The report page's inline CSS: system fonts only (nothing is downloaded), tabular figures in tables,
/// cards on a light grey page, and a print layout.
enum ReportStylesheet {
    static let css = """
    :root { --ink: #1f2329; --muted: #5f6670; --line: #e3e6ea; --soft: #eef0f3; --page: #f4f5f7; --accent: #0072B2; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--page); color: var(--ink);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      -webkit-font-smoothing: antialiased; }
    .page { max-width: 1340px; margin: 0 auto; padding: 34px 30px 60px; }
    header.top { padding: 0 4px 6px; }
    .eyebrow { text-transform: uppercase; letter-spacing: .09em; font-size: 12px; font-weight: 600; color: var(--accent); }
    h1 { font-size: 32px; line-height: 1.2; margin: 6px 0 14px; letter-spacing: -.015em; font-weight: 700; }
    h2 { font-size: 19px; margin: 0 0 12px; letter-spacing: -.005em; }
    h3 { font-size: 15px; margin: 22px 0 10px; color: var(--ink); }
    .chips { display: flex; flex-wrap: wrap; gap: 8px; }
    .chip { background: #fff; border: 1px solid var(--line); border-radius: 999px; padding: 4px 13px; font-size: 13px; color: var(--muted); }
    .chip b { color: var(--ink); font-weight: 600; margin-left: 2px; }
    .dates { color: var(--muted); font-size: 13px; margin: 12px 0 0; }
    code, pre { font-family: ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
    .card { background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 22px 26px 24px; margin-top: 20px;
      box-shadow: 0 1px 2px rgba(16, 24, 40, .05); }
    .section-note, .hint { color: var(--muted); font-size: 13.5px; margin: -4px 0 14px; max-width: 980px; }
    .hint { margin: 12px 0 0; }
    .verdict { border-left: 6px solid var(--accent); padding-top: 20px; }
    .verdicts { list-style: none; margin: 0 0 12px; padding: 0; }
    .verdicts li { display: flex; gap: 12px; align-items: baseline; font-size: 17.5px; line-height: 1.45; padding: 9px 0;
      border-bottom: 1px solid var(--soft); }
    .verdicts li:last-child { border-bottom: none; }
    .verdicts strong { font-weight: 650; }
    .verdicts li > span { min-width: 0; overflow-wrap: anywhere; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; flex: none; margin-right: 8px; vertical-align: -1px; }
    .verdicts .swatch { width: 14px; height: 14px; margin-right: 0; }
    .warning { background: #fff7e6; border: 1px solid #f0d49b; color: #6b4a00; border-radius: 9px; padding: 9px 13px;
      margin-top: 10px; font-size: 14px; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
    th, td { padding: 8px 10px; text-align: right; border-bottom: 1px solid var(--soft); white-space: nowrap; }
    th:first-child, td:first-child { text-align: left; }
    thead th { font-weight: 600; color: var(--muted); font-size: 12.5px; border-bottom: 1px solid var(--line); }
    table.summary th { vertical-align: bottom; white-space: normal; padding: 7px 7px; }
    table.summary td { vertical-align: top; padding: 10px 7px; }
    table.summary th:first-child, table.summary td:first-child { padding-left: 10px; }
    table.summary .main { font-size: 14px; }
    table.summary td:first-child .main { font-weight: 600; }
    table.summary td.name { white-space: normal; min-width: 9em; }
    .nowrap { white-space: nowrap; }
    table.summary .detail { font-size: 12px; color: var(--muted); margin-top: 1px; }
    table.summary td.em .main { font-weight: 700; }
    table.summary td:last-child, table.summary th:last-child { white-space: normal; min-width: 8.5em; text-align: left; }
    .v { font-weight: 650; }
    .v-better, .v-faster { color: #007a57; }
    .v-worse, .v-slower { color: #c04b00; }
    .v-equivalent { color: #0062a0; }
    .v-inconclusive { color: #6b717a; font-weight: 600; }
    table.details th { white-space: normal; vertical-align: bottom; font-size: 12px; padding: 7px 7px; }
    table.details td { padding: 7px 7px; font-size: 13px; }
    details.more { margin-top: 14px; }
    tbody tr:hover { background: #fafbfc; }
    tr.baseline td { background: #f8f9fb; }
    td.wrap { white-space: normal; text-align: left; min-width: 220px; overflow-wrap: anywhere; }
    th.left, td.left { text-align: left; }
    table.variants td, table.variants th { text-align: left; }
    .column-help dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; font-size: 12.5px; color: var(--muted);
      margin: 10px 0 0; }
    .column-help dt { font-weight: 600; color: #4a5059; }
    .column-help dd { margin: 0; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 20px; font-size: 14px; margin: 0 0 14px; }
    .legend-item { display: inline-flex; align-items: center; }
    .tag { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 6px; padding: 0 6px; margin-left: 6px; }
    .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 18px 22px; }
    .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px 16px; }
    figure.chart { margin: 0; }
    figure.chart svg { display: block; width: 100%; height: auto; }
    dl.definition { display: grid; grid-template-columns: max-content 1fr; gap: 6px 22px; margin: 0 0 8px; font-size: 14px; }
    dl.definition dt { color: var(--muted); }
    dl.definition dd { margin: 0; }
    details { margin-top: 12px; }
    summary { cursor: pointer; color: var(--accent); font-size: 14px; }
    pre { background: var(--page); border: 1px solid var(--soft); border-radius: 9px; padding: 12px 14px; overflow-x: auto;
      white-space: pre-wrap; }
    .status { font-weight: 600; font-size: 12.5px; }
    .status-finished { color: #007a57; }
    .status-diverged { color: #D55E00; }
    .status-failed { color: #b3261e; }
    .status-running { color: #0072B2; }
    a { color: var(--accent); text-decoration: none; }
    footer.notes { margin-top: 26px; padding: 0 6px; color: var(--muted); font-size: 13.5px; max-width: 1100px; }
    footer.notes h2 { font-size: 14px; color: var(--ink); margin: 18px 0 6px; }
    footer.notes li { margin-bottom: 6px; }
    .used-by { color: #7b828c; }
    .generator { font-size: 12px; color: #8a9099; margin-top: 18px; }
    @media (max-width: 700px) { .page { padding: 18px 12px 40px; } .grid2 { grid-template-columns: 1fr; } h1 { font-size: 25px; }
      .card { padding: 16px 14px 18px; } h1 { overflow-wrap: anywhere; } .verdicts li { font-size: 15.5px; }
      dl.definition, .column-help dl { grid-template-columns: 1fr; } }
    /* A phone: each summary row becomes a card, every value beside its column title, the interval under it. */
    @media (max-width: 760px) {
      table.summary thead { display: none; }
      table.summary, table.summary tbody, table.summary tr { display: block; width: 100%; }
      table.summary tr { border-bottom: 1px solid var(--line); padding: 6px 0 8px; }
      table.summary td { display: grid; grid-template-columns: minmax(7em, 40%) 1fr; column-gap: 12px; padding: 3px 8px;
        border: none; white-space: normal; text-align: right; min-width: 0; }
      table.summary td::before { content: attr(data-label); grid-row: 1 / span 2; text-align: left; color: var(--muted);
        font-size: 12.5px; padding-top: 2px; }
      table.summary td > div { grid-column: 2; }
      table.summary td.name { display: block; text-align: left; padding-top: 6px; }
      table.summary td.name::before { content: none; }
      table.summary td:last-child, table.summary th:last-child { min-width: 0; text-align: right; }
    }
    @media print { body { background: #fff; } .card { box-shadow: none; break-inside: avoid; } details { display: block; } }

    """
}
