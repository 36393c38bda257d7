// CSV of the contacts: one row per contact; an article with none gets one row with empty contact
// columns; a failed file one row with its error. Built in the collection worker, which holds every
// report's contacts and their groups, so the page's thread does no work for an export.

export const CSV_COLUMNS = [
  'file', 'title', 'published', 'outlet', 'readout', 'contact', 'group', 'kind', 'status', 'date', 'location', 'requested_by',
  'china_names', 'china_titles', 'counterpart_names', 'counterpart_titles', 'counterpart_countries', 'counterpart_orgs', 'corrected', 'error',
];

const str = (v) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const arr = (v) => (Array.isArray(v) ? v : []);

function cell(v) {
  let s = str(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // a spreadsheet must not read a cell as a formula
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const line = (values) => values.map(cell).join(',') + '\r\n';

/**
 * `rows`: { name, error?: {kind, message}, title, published, outlet, readout, events } in input order;
 * `groupOf(index, k)`: the group number of the row's k-th contact. Returns the CSV as chunks of text
 * (Blob parts), UTF-8 with a byte-order mark so spreadsheets read it as UTF-8. `keep(index, k)`, when
 * given (a filter is on), keeps only those contacts, and only files with one of them.
 */
export function csvParts(rows, groupOf, keep = null) {
  const parts = ['\ufeff' + line(CSV_COLUMNS)];
  let chunk = '';
  const join = (list, key) => arr(list).map((p) => str(p?.[key])).join('; ');
  rows.forEach((r, index) => {
    if (keep && (r.error || !arr(r.events).some((_, k) => keep(index, k)))) return;
    if (r.error) {
      chunk += line(CSV_COLUMNS.map((c) => (c === 'file' ? r.name : c === 'error' ? `${r.error.kind}: ${r.error.message}` : '')));
    } else {
      const base = { file: r.name, title: r.title, published: r.published, outlet: r.outlet, readout: r.readout == null ? '' : String(r.readout) };
      const events = arr(r.events);
      if (!events.length) chunk += line(CSV_COLUMNS.map((c) => base[c] ?? ''));
      events.forEach((e, k) => {
        if (keep && !keep(index, k)) return;
        const row = {
          ...base, contact: k + 1, group: groupOf(index, k) ?? '', kind: e.kind, status: e.status, date: e.date, location: e.location,
          requested_by: e.requested_by, china_names: join(e.china, 'name'), china_titles: join(e.china, 'title'),
          counterpart_names: join(e.counterparts, 'name'), counterpart_titles: join(e.counterparts, 'title'),
          counterpart_countries: join(e.counterparts, 'country'), counterpart_orgs: join(e.counterparts, 'org'),
          corrected: e.corrected ? 'true' : '',
        };
        chunk += line(CSV_COLUMNS.map((c) => row[c] ?? ''));
      });
    }
    if (chunk.length > 65536) {
      parts.push(chunk);
      chunk = '';
    }
  });
  if (chunk) parts.push(chunk);
  return parts;
}
