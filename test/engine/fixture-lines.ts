// The lines of the bundled log fixtures and every detector example's text: what stage-one and
// stage-two tests that must change only the time run over.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { detectors } from '../../detectors/index.js';
import { ROOT } from '../helpers.js';

export const fixtureLines: string[] = readdirSync(path.join(ROOT, 'fixtures/logs'), {
  recursive: true,
  encoding: 'utf8',
})
  .filter((f) => /\.(log|jsonl)$/.test(f))
  .flatMap((f) => readFileSync(path.join(ROOT, 'fixtures/logs', f), 'utf8').split('\n'));

export const exampleTexts: string[] = detectors.flatMap((d) =>
  [...d.examples.positive, ...d.examples.negative].map((e) => e.text),
);
