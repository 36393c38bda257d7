// Every topic of the lexicon has a Chinese label on the page: a topic added to data/topics.tsv without one
// would show its English label in the Chinese interface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const ids = readFileSync(new URL('data/topics.tsv', root), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t')[0]);
const i18n = readFileSync(new URL('www/i18n.js', root), 'utf8');
const zh = i18n.slice(i18n.indexOf('zh: {'));

test('every topic id of data/topics.tsv has a Chinese label', () => {
  assert.ok(ids.length > 10, 'topics read');
  assert.deepEqual(ids.filter((id) => !new RegExp(`\\btopic_${id}: '`).test(zh)), []);
});
