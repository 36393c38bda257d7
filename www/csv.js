// CSV of the contacts: one row per contact; an article with none gets one row with empty contact
// columns; a failed file one row with its error. Built in the collection worker, which holds every
// report's contacts and their groups, so the page's thread does no work for an export. The columns,
// their headers and the words for coded values come from the core (`csvWords`, src/export.rs), the
// same table as the CLI's `--csv`, in the interface's language.

const str = (v) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const arr = (v) => (Array.isArray(v) ? v : []);

// The core's invisible characters (src/script.rs `is_invisible`): a file name shows each as its code
// (`\u{202e}`: `file\u202etxt.exe` must not read as `fileexe.txt`), every other cell drops them,
// as the CLI's --csv does.
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const shown = (v) => str(v).replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);

function cell(v, file = false) {
  let s = file ? shown(v) : str(v).replace(INVISIBLE, '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // a spreadsheet must not read a cell as a formula
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line; `file`: the file column's place (its cell shows invisible characters). */
const line = (values, file = -1) => values.map((v, i) => cell(v, i === file)).join(',') + '\r\n';

/** The n-th name, title, country and organisation are the n-th person's; all empty: empty. */
const side = (list, key) => {
  const v = arr(list).map((p) => str(p?.[key]));
  return v.every((x) => !x) ? '' : v.join('; ');
};

/**
 * `rows`: { name, error?: {kind, message}, title, published, outlet, url, events, topics, summary,
 * statements, corrected } in input order; `groupOf(index, k)`: the group number of the row's k-th
 * contact; `keep(index, k)`, when given (a filter is on), keeps only those contacts, and only files
 * with one of them; `words`: { columns: [[id, header]], labels: { code: word } }. Returns the CSV as
 * chunks of text (Blob parts), UTF-8 with a byte-order mark so spreadsheets read it as UTF-8.
 */
export function csvParts(rows, groupOf, keep, words) {
  const ids = words.columns.map(([id]) => id);

  const word = (code) => (code == null || code === '' ? '' : words.labels[code] ?? str(code));
  const parts = ['\ufeff' + line(words.columns.map(([, header]) => header))];
  const fileAt = ids.indexOf('file');
  let chunk = '';
  rows.forEach((r, index) => {
    if (keep && (r.error || !arr(r.events).some((_, k) => keep(index, k)))) return;
    if (r.error) {
      chunk += line(ids.map((c) => (c === 'file' ? r.name : c === 'error' ? `${r.error.kind}: ${r.error.message}` : '')), fileAt);
    } else {
      const events = arr(r.events);
      const base = {
        file: r.name, title: r.title, published: r.published, outlet: r.outlet, url: r.url,
        readout: word(events.length ? 'true' : 'false'), topics: arr(r.topics).join('; '), summary: r.summary,
        statements: String(r.statements ?? 0), corrected: word(r.corrected ? 'true' : 'false'),
      };
      if (!events.length) chunk += line(ids.map((c) => base[c] ?? ''), fileAt);
      events.forEach((e, k) => {
        if (keep && !keep(index, k)) return;
        const row = {
          ...base, contact: k + 1, group: groupOf(index, k) ?? '', kind: word(e.kind), status: word(e.status), date: e.date,
          date_as_written: e.date_as_written, location: e.location, requested_by: word(e.requested_by),
          china_names: side(e.china, 'name'), china_titles: side(e.china, 'title'), china_countries: side(e.china, 'country'), china_orgs: side(e.china, 'org'),
          counterpart_names: side(e.counterparts, 'name'), counterpart_titles: side(e.counterparts, 'title'),
          counterpart_countries: side(e.counterparts, 'country'), counterpart_orgs: side(e.counterparts, 'org'),
          corrected: word(e.corrected ? 'true' : 'false'), // this contact, corrected by the reader
        };
        chunk += line(ids.map((c) => row[c] ?? ''), fileAt);
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
